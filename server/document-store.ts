/**
 * Where the shared documents live between restarts: an append-only log of Yjs updates in
 * PostgreSQL (`document_updates`), compacted from time to time into one snapshot per room
 * (`document_snapshots`). Updates are batched: whatever arrives within a few milliseconds is
 * committed in one INSERT, so each update reaches the database well within 50 ms, and only then
 * is it acknowledged to its writer as saved. A restarted server loads a room from its snapshot
 * plus the updates after it; applying an update twice is harmless in Yjs, so compaction needs no
 * lock against writers.
 */
import * as Y from 'yjs';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../src/lib/server/db/index';
import { documentSnapshots, documentUpdates } from '../src/lib/server/db/schema';

/** How long an update may wait for others to share its commit. */
const BATCH_WINDOW_MS = 5;
/** After this many logged updates a room is compacted into its snapshot. */
const COMPACT_AFTER_UPDATES = 500;

interface PendingUpdate {
	room: string;
	update: Uint8Array;
	onCommitted: () => void;
}

export class DocumentStore {
	#pending: PendingUpdate[] = [];
	#timer: NodeJS.Timeout | null = null;
	#flushing: Promise<void> = Promise.resolve();
	readonly #sinceSnapshot = new Map<string, number>();

	constructor(private readonly database: () => Promise<Database>) {}

	/** The room's stored state as updates to apply in order (snapshot first), and how many followed it. */
	async load(room: string): Promise<Uint8Array[]> {
		const db = await this.database();
		const [snapshot] = await db
			.select()
			.from(documentSnapshots)
			.where(eq(documentSnapshots.room, room));
		const after = snapshot?.uptoId ?? 0;
		const rows = await db
			.select({ update: documentUpdates.update })
			.from(documentUpdates)
			.where(and(eq(documentUpdates.room, room), gt(documentUpdates.id, after)))
			.orderBy(asc(documentUpdates.id));
		this.#sinceSnapshot.set(room, rows.length);
		return [
			...(snapshot ? [snapshot.state] : []),
			...rows.map((row) => new Uint8Array(row.update))
		];
	}

	/** Queues an update for the next batch; `onCommitted` runs once it is in the database. */
	append(room: string, update: Uint8Array, onCommitted: () => void): void {
		this.#pending.push({ room, update, onCommitted });
		this.#timer ??= setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
	}

	/** Commits everything queued so far (batches run one after another); shutdown awaits it. */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const batch = this.#pending;
		this.#pending = [];
		this.#flushing = this.#flushing.then(() => this.#commit(batch));
		return this.#flushing;
	}

	async #commit(batch: PendingUpdate[]): Promise<void> {
		if (batch.length === 0) return;
		const db = await this.database();
		await db.insert(documentUpdates).values(batch.map(({ room, update }) => ({ room, update })));
		for (const { room, onCommitted } of batch) {
			this.#sinceSnapshot.set(room, (this.#sinceSnapshot.get(room) ?? 0) + 1);
			onCommitted();
		}
	}

	/** Whether a room has logged enough updates to be worth compacting. */
	needsCompaction(room: string): boolean {
		return (this.#sinceSnapshot.get(room) ?? 0) >= COMPACT_AFTER_UPDATES;
	}

	/**
	 * Replaces the room's snapshot with the document's whole state and drops the updates it covers.
	 * Called after a flush, so every logged update up to the newest id is in `doc` already.
	 */
	async compact(room: string, doc: Y.Doc): Promise<void> {
		await this.flush();
		const db = await this.database();
		const state = Y.encodeStateAsUpdate(doc);
		await db.transaction(async (tx) => {
			const [newest] = await tx
				.select({ id: sql<number>`coalesce(max(${documentUpdates.id}), 0)`.mapWith(Number) })
				.from(documentUpdates)
				.where(eq(documentUpdates.room, room));
			const uptoId = newest?.id ?? 0;
			await tx
				.insert(documentSnapshots)
				.values({ room, state, uptoId })
				.onConflictDoUpdate({
					target: documentSnapshots.room,
					set: { state, uptoId, updatedAt: new Date() }
				});
			await tx
				.delete(documentUpdates)
				.where(and(eq(documentUpdates.room, room), lte(documentUpdates.id, uptoId)));
		});
		this.#sinceSnapshot.set(room, 0);
	}
}
