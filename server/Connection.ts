/**
 * One client's socket in a room. Messages are handled strictly in order, each in its own
 * try/catch: garbage is logged and counted, never thrown. A read-only connection may ask for the
 * document and send presence, but its document writes are dropped; one that keeps writing is
 * closed with 4403. A failed send or a missed ping closes the connection. Presence is the
 * login's: the `user` field of every presence state is written by the server from the login
 * behind the connection, never taken from the client, and a state over 4 KB is refused.
 */
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from './close-codes';
import * as Y from 'yjs';
import { MessageType, encodeAwareness, encodeSaved, encodeSyncStep1 } from './messages';
import type { Room } from './Room';
import type { Logger } from 'pino';
import type { PresenceUser } from '../src/lib/live/presence';

export type Access = 'read-write' | 'read-only';

const MAX_DROPPED_WRITES = 10;
const MAX_BAD_MESSAGES = 10;
/** Presence entries one connection may hold (a tab has one; a few for reconnect races). */
const MAX_AWARENESS_CLIENTS = 8;
/** A client that lets this much pile up unread is cut off rather than let memory grow. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A presence state (a name, a colour, a caret) fits easily; anything bigger is not presence. */
const MAX_PRESENCE_STATE_BYTES = 4 * 1024;

export class Connection {
	#droppedWrites = 0;
	#badMessages = 0;
	#alive = true;

	/** Null for an observer without an account, who may only follow a live room. */
	readonly userId: string | null;
	/** The login that admitted this connection (the server closes it when that login ends); null for an observer without an account. */
	readonly authSessionId: string | null;
	/** Who the others see behind this connection's presence; null for an observer without an account. */
	readonly presence: PresenceUser | null;

	constructor(
		readonly socket: WebSocket,
		readonly room: Room,
		readonly access: Access,
		identity: {
			userId: string | null;
			authSessionId: string | null;
			presence: PresenceUser | null;
		},
		private readonly log: Logger,
		/** Whether the client asked to be told when its changes are saved (MessageType.Saved). */
		readonly wantsSavedAcks = false
	) {
		this.userId = identity.userId;
		this.authSessionId = identity.authSessionId;
		this.presence = identity.presence;
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
		if (wantsSavedAcks) {
			// A writer back from a lost connection may have sent changes that reached the server on
			// the old socket, whose acknowledgement was lost with it: say what the database holds of
			// everything the room has now, so its screen stops showing them as unsaved.
			const held = Y.encodeStateVector(room.doc);
			room.afterStored(() => this.send(encodeSaved(held)));
		}
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
					this.receiveAwareness(decoding.readVarUint8Array(decoder));
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
			// The stock client answers our sync step 1 with an empty step 2: nothing to drop or count.
			if (isEmptyUpdate(decoding.readVarUint8Array(decoder))) return;
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
	 * The stock client echoes every presence change it hears (its own and its peers'), so entries
	 * for ids held elsewhere are normal traffic: they are left out silently, never refused — refusing
	 * them closed honest editors' sockets mid-typing. Only claims beyond the cap count as bad.
	 */
	private receiveAwareness(update: Uint8Array): void {
		const mine = this.room.connections.get(this) ?? new Set<number>();
		const heldElsewhere = new Set<number>();
		for (const [other, held] of this.room.connections)
			if (other !== this) for (const id of held) heldElsewhere.add(id);
		let claims = mine.size;
		let refused = 0;
		const kept = readAwarenessEntries(update).filter((entry) => {
			if (mine.has(entry.clientId)) return true;
			if (heldElsewhere.has(entry.clientId)) return false;
			// An id nobody holds: an echo of a state the room already knows, or the removal of a
			// departed peer, is harmless; anything else is a new presence this connection claims.
			if (!isNewer(this.room, entry) || entry.json === 'null') return true;
			if (claims >= MAX_AWARENESS_CLIENTS) {
				refused += 1;
				return false;
			}
			claims += 1;
			return true;
		});
		if (refused > 0) this.rejectMessage('too many presence entries for one connection');
		const owned = kept.flatMap((entry) => {
			const json = this.ownPresence(entry.json);
			return json === null ? [] : [{ ...entry, json }];
		});
		if (owned.length < kept.length) this.rejectMessage('presence state over 4 KB or not an object');
		if (owned.length > 0)
			awarenessProtocol.applyAwarenessUpdate(
				this.room.awareness,
				encodeAwarenessEntries(owned),
				this
			);
	}

	/**
	 * A presence state as the others will see it: the client's own fields (caret, selection) with
	 * `user` set from this connection's login — or removed, for an observer without an account —
	 * whatever the client put there. Null for a state refused: over 4 KB, or not a JSON object.
	 * (Echoes of states the room already has are rewritten too, and then ignored as not newer.)
	 */
	private ownPresence(json: string): string | null {
		if (json === 'null') return json;
		if (Buffer.byteLength(json) > MAX_PRESENCE_STATE_BYTES) return null;
		let state: unknown;
		try {
			state = JSON.parse(json);
		} catch {
			return null;
		}
		if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
		const fields: Record<string, unknown> = { ...state };
		delete fields.user;
		return JSON.stringify(this.presence ? { ...fields, user: this.presence } : fields);
	}

	private rejectMessage(reason: string): void {
		this.#badMessages += 1;
		this.log.warn({ room: this.room.name, user: this.userId, reason }, 'bad message');
		if (this.#badMessages > MAX_BAD_MESSAGES)
			this.socket.close(CloseCode.BadMessage, 'bad messages');
	}
}

interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** The state as the client sent it (JSON; "null" for a removal). */
	json: string;
}

/** An awareness update's entries (y-protocols' encoding: count, then id, clock and JSON state). */
function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
	}
	return entries;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.json);
	}
	return encoding.toUint8Array(encoder);
}

/** Whether applying the entry would change the room's presence (the rule of applyAwarenessUpdate). */
function isNewer(room: Room, entry: AwarenessEntry): boolean {
	const known = room.awareness.meta.get(entry.clientId)?.clock ?? -1;
	return entry.clock > known;
}

/** An update carrying no change (no structs, no deletions): what a client with nothing new sends. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
