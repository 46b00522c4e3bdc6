/**
 * A room is one shared Yjs document and the connections that hold it, as in the reference
 * y-websocket server: each update is encoded once and sent to every connection; awareness states
 * a connection controlled are removed when it leaves. Every update a client writes is also handed
 * to the document store, and its writer is told once the database has it.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, encodeSaved, encodeUpdate } from './messages';
import { Connection } from './Connection';
import type { DocumentStore } from './document-store';

/** The origin of updates replayed from the database: they are stored already. */
const FROM_STORE = Symbol('from-store');
// CLUSTER SEAM (issue 13): updates and presence relayed from another instance
// (server/cluster/room-relay.ts) are broadcast here but never stored: that instance stored them.
/** The origin of updates and presence relayed from another instance of the cluster. */
export const FROM_CLUSTER = Symbol('from-cluster');

export class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	/** Each connection with the awareness client ids it controls. */
	readonly connections = new Map<Connection, Set<number>>();

	private constructor(
		readonly name: string,
		/** Where its updates are kept; null for a live room, whose state the database already holds. */
		private readonly store: DocumentStore | null
	) {
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.broadcast(encodeUpdate(update));
			if (origin === FROM_STORE || origin === FROM_CLUSTER || !this.store) return;
			this.store.append(this.name, update, () => {
				if (origin instanceof Connection && origin.wantsSavedAcks) {
					// The clocks this update reaches (parseUpdateMeta, since a delta's state vector would be empty).
					origin.send(encodeSaved(Y.encodeStateVector(Y.parseUpdateMeta(update).to)));
				}
			});
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const owner = this.connections.get(origin as Connection);
				if (owner) {
					for (const id of added) owner.add(id);
					for (const id of removed) owner.delete(id);
				}
				this.broadcast(encodeAwareness(this.awareness, [...added, ...updated, ...removed]));
			}
		);
	}

	/**
	 * Calls `onStored` once everything the document holds now is in the database; never for a live
	 * room, which stores nothing.
	 */
	afterStored(onStored: () => void): void {
		this.store?.whenSaved(onStored);
	}

	/** A live room: its document is the server's own state, filled by `initialize`, never stored. */
	static async openLive(name: string, initialize: (doc: Y.Doc) => Promise<void>): Promise<Room> {
		const room = new Room(name, null);
		await initialize(room.doc);
		return room;
	}

	/** A room with its document loaded from the store. */
	static async open(name: string, store: DocumentStore): Promise<Room> {
		const room = new Room(name, store);
		const updates = await store.load(name);
		Y.transact(
			room.doc,
			() => updates.forEach((update) => Y.applyUpdate(room.doc, update, FROM_STORE)),
			FROM_STORE
		);
		return room;
	}

	/** Upgrades admitted but not yet joined: a room they are headed for stays open. */
	#reservations = 0;

	/** Holds the room open for a connection still being upgraded. */
	reserve(): void {
		this.#reservations += 1;
	}

	/** Lets go of a reservation (joined, or the upgrade failed); returns whether the room is unused. */
	release(): boolean {
		this.#reservations -= 1;
		return this.isUnused();
	}

	isUnused(): boolean {
		return this.connections.size === 0 && this.#reservations === 0;
	}

	join(connection: Connection): void {
		this.connections.set(connection, new Set());
	}

	/** Removes a connection and its presence; returns whether the room is now unused. */
	leave(connection: Connection): boolean {
		const controlled = this.connections.get(connection);
		this.connections.delete(connection);
		if (controlled?.size)
			awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
		return this.isUnused();
	}

	broadcast(message: Uint8Array): void {
		for (const connection of this.connections.keys()) connection.send(message);
	}

	/** Compacts the stored document if it has grown, then frees it; called when the room empties. */
	async close(): Promise<void> {
		try {
			if (this.store) {
				await this.store.flush();
				if (this.store.needsCompaction(this.name)) await this.store.compact(this.name, this.doc);
			}
		} finally {
			this.awareness.destroy();
			this.doc.destroy();
		}
	}
}
