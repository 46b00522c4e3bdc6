/**
 * One client's socket in a room. Messages are handled strictly in order, each in its own
 * try/catch: garbage is logged and counted, never thrown. A read-only connection may ask for the
 * document and send presence, but its document writes are dropped; one that keeps writing is
 * closed with 4403. A failed send or a missed ping closes the connection.
 */
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from './close-codes';
import { MessageType, encodeAwareness, encodeSyncStep1 } from './messages';
import type { Room } from './Room';
import type { Logger } from 'pino';

export type Access = 'read-write' | 'read-only';

const MAX_DROPPED_WRITES = 10;
const MAX_BAD_MESSAGES = 10;
/** Presence entries one connection may hold (a tab has one; a few for reconnect races). */
const MAX_AWARENESS_CLIENTS = 8;
/** A client that lets this much pile up unread is cut off rather than let memory grow. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class Connection {
	#droppedWrites = 0;
	#badMessages = 0;
	#alive = true;

	readonly userId: string;
	/** The login that admitted this connection; the server closes it when that login ends. */
	readonly authSessionId: string;

	constructor(
		readonly socket: WebSocket,
		readonly room: Room,
		readonly access: Access,
		identity: { userId: string; authSessionId: string },
		private readonly log: Logger,
		/** Whether the client asked to be told when its changes are saved (MessageType.Saved). */
		readonly wantsSavedAcks = false
	) {
		this.userId = identity.userId;
		this.authSessionId = identity.authSessionId;
		socket.binaryType = 'arraybuffer';
		socket.on('message', (data: ArrayBuffer) => this.receive(new Uint8Array(data)));
		socket.on('pong', () => (this.#alive = true));
		// ws reports an oversized or malformed frame as an error and then closes (1009, 1002);
		// without a listener the error would bring the whole process down.
		socket.on('error', (error) =>
			this.log.warn({ room: room.name, user: this.userId, err: error.message }, 'socket error')
		);
		room.join(this);
		this.send(encodeSyncStep1(room.doc));
		const states = [...room.awareness.getStates().keys()];
		if (states.length > 0) this.send(encodeAwareness(room.awareness, states));
	}

	send(message: Uint8Array): void {
		if (this.socket.readyState !== this.socket.OPEN) return;
		if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.socket.terminate();
			return;
		}
		this.socket.send(message, (error) => {
			if (error) this.socket.terminate();
		});
	}

	/** Called by the server's ping timer: a connection that did not answer the last ping is dropped. */
	checkAlive(): void {
		if (!this.#alive) {
			this.socket.terminate();
			return;
		}
		this.#alive = false;
		this.socket.ping();
	}

	private receive(message: Uint8Array): void {
		try {
			const decoder = decoding.createDecoder(message);
			const type = decoding.readVarUint(decoder);
			switch (type) {
				case MessageType.Sync:
					this.receiveSync(decoder);
					break;
				case MessageType.Awareness:
					awarenessProtocol.applyAwarenessUpdate(
						this.room.awareness,
						decoding.readVarUint8Array(decoder),
						this
					);
					break;
				case MessageType.QueryAwareness:
					this.send(
						encodeAwareness(this.room.awareness, [...this.room.awareness.getStates().keys()])
					);
					break;
				default:
					this.rejectMessage(`unknown message type ${type}`);
			}
		} catch (error) {
			this.rejectMessage(error instanceof Error ? error.message : String(error));
		}
	}

	private receiveSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		if (syncType === syncProtocol.messageYjsSyncStep1) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MessageType.Sync);
			syncProtocol.readSyncStep1(decoder, encoder, this.room.doc);
			this.send(encoding.toUint8Array(encoder));
			return;
		}
		if (
			syncType !== syncProtocol.messageYjsSyncStep2 &&
			syncType !== syncProtocol.messageYjsUpdate
		) {
			this.rejectMessage(`unknown sync message ${syncType}`);
			return;
		}
		if (this.access === 'read-only') {
			this.#droppedWrites += 1;
			this.log.warn(
				{ room: this.room.name, user: this.userId },
				'write on a read-only connection dropped'
			);
			if (this.#droppedWrites > MAX_DROPPED_WRITES)
				this.socket.close(CloseCode.Forbidden, 'read-only');
			return;
		}
		syncProtocol.readSyncStep2(decoder, this.room.doc, this, (error) =>
			this.rejectMessage(error.message)
		);
	}

	/**
	 * Presence may only be set for awareness client ids that no other connection holds, and only a
	 * few of them: nobody can move another person's cursor or flood the room with fake people.
	 */
	private receiveAwareness(update: Uint8Array): void {
		const ids = readAwarenessClientIds(update);
		const mine = this.room.connections.get(this) ?? new Set<number>();
		const claimedElsewhere = ids.some((id) =>
			[...this.room.connections].some(([other, held]) => other !== this && held.has(id))
		);
		const fresh = ids.filter((id) => !mine.has(id)).length;
		if (claimedElsewhere || mine.size + fresh > MAX_AWARENESS_CLIENTS) {
			this.rejectMessage('awareness for clients this connection does not hold');
			return;
		}
		awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, this);
	}

	private rejectMessage(reason: string): void {
		this.#badMessages += 1;
		this.log.warn({ room: this.room.name, user: this.userId, reason }, 'bad message');
		if (this.#badMessages > MAX_BAD_MESSAGES)
			this.socket.close(CloseCode.BadMessage, 'bad messages');
	}
}

/** The client ids an awareness update speaks for (its entries: id, clock, state as JSON). */
function readAwarenessClientIds(update: Uint8Array): number[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const ids: number[] = [];
	for (let i = 0; i < count; i++) {
		ids.push(decoding.readVarUint(decoder));
		decoding.readVarUint(decoder);
		decoding.readVarString(decoder);
	}
	return ids;
}
