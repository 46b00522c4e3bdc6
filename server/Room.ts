/**
 * A room is one shared Yjs document and the connections that hold it, as in the reference
 * y-websocket server: each update is encoded once and sent to every connection; awareness states
 * a connection controlled are removed when it leaves.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, encodeUpdate } from './messages';
import type { Connection } from './Connection';

export class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	/** Each connection with the awareness client ids it controls. */
	readonly connections = new Map<Connection, Set<number>>();

	constructor(readonly name: string) {
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array) => this.broadcast(encodeUpdate(update)));
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

	join(connection: Connection): void {
		this.connections.set(connection, new Set());
	}

	/** Removes a connection and its presence; returns whether the room is now empty. */
	leave(connection: Connection): boolean {
		const controlled = this.connections.get(connection);
		this.connections.delete(connection);
		if (controlled?.size)
			awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
		return this.connections.size === 0;
	}

	broadcast(message: Uint8Array): void {
		for (const connection of this.connections.keys()) connection.send(message);
	}

	destroy(): void {
		this.awareness.destroy();
		this.doc.destroy();
	}
}
