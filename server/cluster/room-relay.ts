/**
 * The Yjs rooms of a cluster (issue 13), shaped like Hocuspocus's Redis extension: each instance
 * subscribes to the channel of every room it has open, `<prefix>:room:<name>`, and says on it
 * what its own clients did. Messages carry the sender's instance id (its own are skipped) and one
 * of four kinds:
 *
 * - Update: a minutes update, published only once this instance's store committed it
 *   (DocumentStore.onStored). So everything a room holds from the others is in the database
 *   already, and a writer who reconnects to any instance is told "saved" only for what is stored.
 *   Applied with FROM_CLUSTER: broadcast to this instance's clients, never stored again.
 * - Awareness: presence changes of this instance's clients, applied as they are elsewhere.
 * - Hello: "I just opened this room (or Redis is back): here is my state vector". Every instance
 *   with the room open answers, once its own updates are stored, with what the asker lacks, with
 *   its clients' presence, and with a HelloBack of its own state vector, which the asker answers
 *   the same way (without a HelloBack) — Yjs's sync steps 1 and 2 over the channel, both ways:
 *   after an outage the instance that reconnects last is heard by the others even though their
 *   own Hello went out while it was not listening yet.
 * - Changed: a live room's state changed (a committed room change). The state itself is not
 *   carried: every instance — the one that committed included — reads it back from the database,
 *   one read at a time per room, so a room only ever moves forward in commit order whichever
 *   instance committed what, and a message lost while Redis was away is made good by the next.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Cluster } from '../../src/lib/server/cluster/cluster';
import { log } from '../../src/lib/server/log';
import type { DocumentStore } from '../document-store';
import { FROM_CLUSTER, type Room } from '../Room';

enum Kind {
	Update = 0,
	Awareness = 1,
	Hello = 2,
	Changed = 3,
	HelloBack = 4
}

export interface RoomRelay {
	/** A room just opened on this instance: follow its channel and catch up with the others. */
	follow(room: Room): Promise<void>;
	/** The room closed here. */
	unfollow(room: Room): void;
	/** A live room's state changed (committed): refresh it here from the database, tell the others. */
	liveChanged(roomName: string): void;
}

interface Followed {
	room: Room;
	stop(): void;
	refreshing: boolean;
	again: boolean;
}

const channelOf = (roomName: string) => `room:${roomName}`;

export function createRoomRelay(
	cluster: Cluster,
	store: DocumentStore,
	live: {
		/** Whether the room is one whose state the server writes (a meeting's live or public room). */
		isLive(roomName: string): boolean;
		/** Writes the room's state as the database has it now. */
		refresh(room: Room): Promise<void>;
	}
): RoomRelay {
	const followed = new Map<string, Followed>();

	const encode = (kind: Kind, payload: Uint8Array) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, cluster.instanceId);
		encoding.writeVarUint(encoder, kind);
		encoding.writeVarUint8Array(encoder, payload);
		return Buffer.from(encoding.toUint8Array(encoder));
	};
	const send = (roomName: string, kind: Kind, payload: Uint8Array = new Uint8Array()) =>
		cluster.publish(channelOf(roomName), encode(kind, payload));

	/** The presence ids held by this instance's own connections. */
	const ownPresence = (room: Room) => [...room.connections.values()].flatMap((ids) => [...ids]);
	const sendOwnPresence = (room: Room) => {
		const ids = ownPresence(room);
		if (ids.length > 0)
			send(room.name, Kind.Awareness, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
	};
	const sayHello = (room: Room) => send(room.name, Kind.Hello, Y.encodeStateVector(room.doc));

	// Each committed update of this instance's clients goes to the others.
	store.onStored = (roomName, update) => send(roomName, Kind.Update, update);

	function refresh(entry: Followed): void {
		if (entry.refreshing) {
			entry.again = true;
			return;
		}
		entry.refreshing = true;
		const run = async () => {
			do {
				entry.again = false;
				await live.refresh(entry.room);
			} while (entry.again && followed.get(entry.room.name) === entry);
		};
		run()
			.catch((error: unknown) =>
				log.warn({ err: error, room: entry.room.name }, 'could not refresh a live room')
			)
			.finally(() => (entry.refreshing = false));
	}

	function receive(entry: Followed, raw: Buffer): void {
		const decoder = decoding.createDecoder(new Uint8Array(raw));
		if (decoding.readVarString(decoder) === cluster.instanceId) return;
		const kind = decoding.readVarUint(decoder) as Kind;
		const payload = decoding.readVarUint8Array(decoder);
		const { room } = entry;
		switch (kind) {
			case Kind.Update:
				Y.applyUpdate(room.doc, payload, FROM_CLUSTER);
				break;
			case Kind.Awareness:
				awarenessProtocol.applyAwarenessUpdate(room.awareness, payload, FROM_CLUSTER);
				break;
			case Kind.Hello:
			case Kind.HelloBack:
				// Answered once this instance's own updates are stored: the answer carries only what
				// the database holds, like every Update.
				if (!live.isLive(room.name))
					store.whenSaved(() => {
						if (followed.get(room.name) !== entry) return;
						const missing = Y.encodeStateAsUpdate(room.doc, payload);
						if (!isEmptyUpdate(missing)) send(room.name, Kind.Update, missing);
						if (kind === Kind.Hello) send(room.name, Kind.HelloBack, Y.encodeStateVector(room.doc));
					});
				sendOwnPresence(room);
				break;
			case Kind.Changed:
				if (live.isLive(room.name)) refresh(entry);
				break;
		}
	}

	cluster.onReconnect(() => {
		// Whatever was said while Redis was away is lost: ask again, say again, read again.
		for (const entry of followed.values()) {
			if (live.isLive(entry.room.name)) refresh(entry);
			else sayHello(entry.room);
			sendOwnPresence(entry.room);
		}
	});

	return {
		async follow(room) {
			const entry: Followed = { room, stop: () => {}, refreshing: false, again: false };
			const subscription = cluster.subscribe(channelOf(room.name), (raw) => receive(entry, raw));
			entry.stop = subscription.stop;
			followed.set(room.name, entry);
			room.awareness.on('update', relayPresence);
			function relayPresence(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) {
				if (origin === FROM_CLUSTER) return;
				const changed = [...added, ...updated, ...removed];
				// Only this instance's clients' presence (and its removal when they leave).
				const mine = new Set(ownPresence(room));
				const relayed = changed.filter((id) => mine.has(id) || removed.includes(id));
				if (relayed.length > 0)
					send(
						room.name,
						Kind.Awareness,
						awarenessProtocol.encodeAwarenessUpdate(room.awareness, relayed)
					);
			}
			await subscription.ready;
			// Anything committed between reading the room and following its channel is caught here.
			if (live.isLive(room.name)) refresh(entry);
			else sayHello(room);
		},
		unfollow(room) {
			const entry = followed.get(room.name);
			if (entry?.room !== room) return;
			followed.delete(room.name);
			entry.stop();
		},
		liveChanged(roomName) {
			send(roomName, Kind.Changed);
			const entry = followed.get(roomName);
			if (entry) refresh(entry);
		}
	};
}

/** An update carrying no change (no structs, no deletions). */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
