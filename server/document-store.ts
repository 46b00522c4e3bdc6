/**
 * Where the shared documents live between restarts: an append-only log of Yjs updates in
 * PostgreSQL (`document_updates`), compacted from time to time into one snapshot per room
 * (`document_snapshots`). Updates are batched: whatever arrives within a few milliseconds is
 * committed in one INSERT, so each update reaches the database well within 50 ms, and only then
 * is it acknowledged to its writer as saved. A restarted server loads a room from its snapshot
 * plus the updates after it; applying an update twice is harmless in Yjs, so compaction needs no
 * lock against writers.
 *
 * When the database fails (a dropped connection, a restarting server), nothing is lost or
 * skipped: updates stay queued in arrival order, one writer retries the oldest batch with a
 * growing delay, and no update is acknowledged before its INSERT commits (issue 10). A batch whose
 * commit succeeded but whose answer was lost is written again on retry: harmless, as above.
 *
 * Several instances (a cluster, issue 13) write the same rooms' logs: each stores only what its
 * own clients sent (updates relayed from another instance are that instance's to store) and
 * hands each committed update to `onStored`, which relays it. Compaction therefore cannot trust
 * its own document to hold everything logged: it merges the stored snapshot and every logged row
 * it read into the new snapshot, deletes exactly the rows it read (an INSERT still committing
 * elsewhere, with a lower id, survives for the next load), and runs on one instance at a time per
 * room (a transaction-level PostgreSQL advisory lock; one that finds the lock taken skips).
 */
import * as Y from 'yjs';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../src/lib/server/db/index';
import { documentSnapshots, documentUpdates } from '../src/lib/server/db/schema';
import { log } from '../src/lib/server/log';

/** How long an update may wait for others to share its commit. */
const BATCH_WINDOW_MS = 5;
/** After this many logged updates a room is compacted into its snapshot. */
const COMPACT_AFTER_UPDATES = 500;
/** The most updates one INSERT carries (a backlog after an outage is written in slices). */
const MAX_BATCH = 500;
/** Retry delays after a failed commit: doubling from the first to the last, then staying there. */
const FIRST_RETRY_MS = 100;
/** The first key of the advisory lock compaction takes per room (the second is the room's hash). */
const COMPACTION_LOCK = 0x6d696e;
const LAST_RETRY_MS = 5_000;

interface PendingUpdate {
	room: string;
	update: Uint8Array;
	onCommitted: () => void;
}

/** The delay before retry number `failures` (1 for the first failure). */
export function retryDelay(failures: number): number {
	return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

export class DocumentStore {
	/** Updates not yet committed, oldest first; a batch leaves only once its INSERT committed. */
	#pending: PendingUpdate[] = [];
	#timer: NodeJS.Timeout | null = null;
	/** The one writer, while it runs: it commits `#pending` in order until it is empty. */
	#draining: Promise<void> | null = null;
	readonly #sinceSnapshot = new Map<string, number>();
	/** Called with each update once committed (cluster/room-relay.ts relays it to the other instances). */
	onStored: ((room: string, update: Uint8Array) => void) | null = null;

	constructor(private readonly database: () => Promise<Database>) {}

	/** The room's stored state as updates to apply in order (snapshot first), and how many followed it. */
	async load(room: string): Promise<Uint8Array[]> {
		const db = await this.database();
		const [snapshot] = await db
			.select()
			.from(documentSnapshots)
			.where(eq(documentSnapshots.room, room));
		// Every row left: compaction deleted those its snapshot holds; one left behind with a lower
		// id (committed late by another instance) is applied again, harmlessly if already there.
		const rows = await db
			.select({ update: documentUpdates.update })
			.from(documentUpdates)
			.where(eq(documentUpdates.room, room))
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
		this.#timer ??= setTimeout(() => {
			this.#timer = null;
			this.flush().catch((error: unknown) => log.error({ err: error }, 'minutes store failed'));
		}, BATCH_WINDOW_MS);
	}

	/**
	 * Calls `onSaved` once every update queued so far is in the database: at once when nothing
	 * waits, else after the queue is flushed (retrying, as `flush` does).
	 */
	whenSaved(onSaved: () => void): void {
		if (this.#pending.length === 0) onSaved();
		else this.flush().then(onSaved, () => undefined);
	}

	/** How many updates wait for the database (none while it is healthy, for more than a batch). */
	get backlog(): number {
		return this.#pending.length;
	}

	/**
	 * Commits everything queued, retrying through failures; settles once nothing is pending.
	 * Shutdown awaits it under its own deadline, in case the database never returns.
	 */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		while (this.#pending.length > 0) {
			this.#draining ??= this.#drain().finally(() => (this.#draining = null));
			await this.#draining;
		}
	}

	async #drain(): Promise<void> {
		let failures = 0;
		while (this.#pending.length > 0) {
			const batch = this.#pending.slice(0, MAX_BATCH);
			try {
				const db = await this.database();
				await db
					.insert(documentUpdates)
					.values(batch.map(({ room, update }) => ({ room, update })));
			} catch (error) {
				failures += 1;
				const delayMs = retryDelay(failures);
				if (failures === 1 || delayMs === LAST_RETRY_MS)
					log.warn(
						{ err: error, pending: this.#pending.length, retryInMs: delayMs },
						'could not save minutes updates; retrying'
					);
				await new Promise((resolve) => setTimeout(resolve, delayMs));
				continue;
			}
			if (failures > 0)
				log.info({ failures, pending: this.#pending.length }, 'minutes updates saved again');
			failures = 0;
			this.#pending.splice(0, batch.length);
			for (const { room, update, onCommitted } of batch) {
				this.#sinceSnapshot.set(room, (this.#sinceSnapshot.get(room) ?? 0) + 1);
				try {
					this.onStored?.(room, update);
					onCommitted();
				} catch (error) {
					log.warn({ err: error, room }, 'could not acknowledge a saved update');
				}
			}
		}
	}

	/** Whether a room has logged enough updates to be worth compacting. */
	needsCompaction(room: string): boolean {
		return (this.#sinceSnapshot.get(room) ?? 0) >= COMPACT_AFTER_UPDATES;
	}

	/**
	 * Replaces the room's snapshot with the document's whole state merged with the stored snapshot
	 * and log, and drops the rows it merged. Called after a flush, so this instance's own updates
	 * are logged already; another instance's may not have reached `doc` yet, hence the merge.
	 * Skipped when another instance is compacting the same room.
	 */
	async compact(room: string, doc: Y.Doc): Promise<void> {
		await this.flush();
		const db = await this.database();
		await db.transaction(async (tx) => {
			const result = await tx.execute(
				sql`select pg_try_advisory_xact_lock(${COMPACTION_LOCK}, hashtext(${room})) as locked`
			);
			const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
				locked: boolean;
			}[];
			if (!rows[0]?.locked) return;
			const [snapshot] = await tx
				.select({ state: documentSnapshots.state, uptoId: documentSnapshots.uptoId })
				.from(documentSnapshots)
				.where(eq(documentSnapshots.room, room));
			const logged = await tx
				.select({ id: documentUpdates.id, update: documentUpdates.update })
				.from(documentUpdates)
				.where(eq(documentUpdates.room, room))
				.orderBy(asc(documentUpdates.id));
			// Applied to a document of its own: Yjs applies each change once, whatever the overlap.
			const merged = new Y.Doc({ gc: true });
			if (snapshot) Y.applyUpdate(merged, new Uint8Array(snapshot.state));
			for (const row of logged) Y.applyUpdate(merged, new Uint8Array(row.update));
			Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
			const state = Y.encodeStateAsUpdate(merged);
			merged.destroy();
			const uptoId = logged.reduce(
				(newest, row) => Math.max(newest, Number(row.id)),
				snapshot?.uptoId ?? 0
			);
			await tx
				.insert(documentSnapshots)
				.values({ room, state, uptoId })
				.onConflictDoUpdate({
					target: documentSnapshots.room,
					set: { state, uptoId, updatedAt: new Date() }
				});
			for (let start = 0; start < logged.length; start += MAX_BATCH)
				await tx.delete(documentUpdates).where(
					inArray(
						documentUpdates.id,
						logged.slice(start, start + MAX_BATCH).map((row) => row.id)
					)
				);
		});
		this.#sinceSnapshot.set(room, 0);
	}
}
