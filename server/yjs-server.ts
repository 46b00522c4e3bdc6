/**
 * The Yjs WebSocket endpoint, mounted on the same HTTP server as SvelteKit (server/index.ts in
 * production, server/vite-plugin.ts in development). An upgrade to /yjs/<room> is authenticated
 * with the same auth-session cookie as the pages, and answered 401 before any Yjs message when
 * the cookie is missing, expired or forged — except on a meeting's public room, which a visitor
 * without an account may follow read-only while the permission matrix gives `meeting.view-live`
 * to `public` (the public view, /sesion-publica/…); never the members' live room nor the minutes. Every ping round also
 * re-checks the logins and rights behind the open connections, so anything that ends a login or
 * takes a right away closes them within one round; signing out, a password reset and a removal
 * from a body do not wait for it: they ask for the same re-check of the connections concerned at
 * once, after their commit (src/lib/server/login-sockets.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { WebSocketServer } from 'ws';
import { getDatabase } from '../src/lib/server/db/index';
import { authSessions, users } from '../src/lib/server/db/schema';
import { readAuthSessionCookie, validateAuthSessionToken } from '../src/lib/server/auth/session';
import { log } from '../src/lib/server/log';
import { CloseCode } from './close-codes';
import { Connection, type Access } from './Connection';
import type * as Y from 'yjs';
import { Room } from './Room';
import {
	parseLiveRoomName,
	parsePublicRoomName,
	registerRoomPublisher
} from '../src/lib/server/broadcast';
import { findMeeting } from '../src/lib/server/meetings/meetings';
import { readRoomStates } from '../src/lib/server/meetings/room-state';
import { loadSecretariat } from '../src/lib/server/secretariats/secretariats';
import { DocumentStore } from './document-store';
import {
	decideRoomAccess,
	decideRoomAccesses,
	parseRoomName,
	type RoomVisitor
} from './room-access';
import { YJS_PATH_PREFIX } from './paths';
import { registerLoginSocketRecheck } from '../src/lib/server/login-sockets';
import { presenceOf } from '../src/lib/live/presence';
import { getCluster } from '../src/lib/server/cluster/cluster';
import { createRoomRelay } from './cluster/room-relay';

const MAX_MESSAGE_BYTES = 1024 * 1024;
// YJS_PING_INTERVAL_MS shortens the round in tests of dead sockets and ended logins.
const PING_INTERVAL_MS = Number(process.env.YJS_PING_INTERVAL_MS ?? 30_000);
/** How long shutdown waits for clients to answer the close frame before cutting them off. */
const CLOSE_GRACE_MS = 2_000;
const ROOM_NAME = /^[A-Za-z0-9._:-]{1,200}$/;
/** Connections the ping round goes through before giving the event loop back. */
const RECHECK_SLICE = 100;

export interface YjsServer {
	/** Handles an HTTP upgrade; returns false when the path is not ours (Vite's HMR socket, say). */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	close(): Promise<void>;
}

/** Ends an upgrade with a plain HTTP status, before any WebSocket frame. */
function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 503, reason: string): void {
	socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * A browser's upgrade must come from a page of this site: the configured ORIGIN, or else the host
 * the request was sent to. Non-browser clients send no Origin and rely on the cookie alone.
 */
function isForeignOrigin(request: IncomingMessage): boolean {
	const origin = request.headers.origin;
	if (!origin) return false;
	try {
		const expected = process.env.ORIGIN ? new URL(process.env.ORIGIN).host : request.headers.host;
		return new URL(origin).host !== expected;
	} catch {
		return true;
	}
}

/** Marks the server's own writes into live rooms. */
const SERVER_ORIGIN = Symbol('server');

/** A live or public room's first state, read from the database like every later publish. */
async function fillLiveRoom(
	doc: Y.Doc,
	live: { slug: string; meetingId: string; publicView: boolean }
): Promise<void> {
	const db = await getDatabase();
	const secretariat = await loadSecretariat(db, live.slug);
	const meeting =
		secretariat && (await findMeeting(db, secretariat.secretariat.id, live.meetingId));
	if (!secretariat || !meeting) return;
	const states = await readRoomStates(db, secretariat, meeting.id);
	const state = live.publicView ? states.publicState : states.state;
	doc.transact(() => doc.getMap('room').set('state', state), SERVER_ORIGIN);
}

/** The meeting a live room (members' or public) follows, or null for a minutes room. */
function parseServerRoomName(name: string) {
	const live = parseLiveRoomName(name);
	if (live) return { ...live, publicView: false };
	const open = parsePublicRoomName(name);
	return open ? { ...open, publicView: true } : null;
}

export function createYjsServer(): YjsServer {
	const store = new DocumentStore(getDatabase);
	const rooms = new Map<string, Promise<Room>>();
	const closingRooms = new Map<string, Promise<void>>();
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
	const connections = new Set<Connection>();
	let closing = false;
	// CLUSTER SEAM (issue 13): with REDIS_URL, rooms follow the other instances (cluster/room-relay.ts).
	const cluster = getCluster();
	const relay =
		cluster &&
		createRoomRelay(cluster, store, {
			isLive: (name) => parseServerRoomName(name) !== null,
			refresh: (room) => fillLiveRoom(room.doc, parseServerRoomName(room.name)!)
		});

	registerRoomPublisher({
		publish(room, key, value) {
			// CLUSTER SEAM: in a cluster every instance reads the committed state back (commit order).
			if (relay) return relay.liveChanged(room);
			// A room that failed to open has no clients to tell; its opening already logged why.
			rooms
				.get(room)
				?.then((open) =>
					open.doc.transact(() => open.doc.getMap('room').set(key, value), SERVER_ORIGIN)
				)
				.catch(() => undefined);
		}
	});

	/**
	 * Re-checks open connections (every one, in the ping round): one whose login ended is closed with 4401; one whose rights
	 * in the body changed (removed from it, made observer) is closed with 4403, and its client, on
	 * reconnecting, gets what it is allowed now. The logins and the rights of all connections are
	 * read in four queries (room-access.ts), then the sockets are gone through in slices, giving
	 * the event loop back between them: a round over a thousand sockets never stalls the meetings.
	 */
	async function recheckConnections(open: Connection[]): Promise<void> {
		if (open.length === 0) return;
		const ids = [...new Set(open.flatMap((c) => (c.authSessionId ? [c.authSessionId] : [])))];
		const db = await getDatabase();
		const live =
			ids.length === 0
				? []
				: await db
						.select({
							id: authSessions.id,
							userId: users.id,
							isInstanceAdmin: users.isInstanceAdmin
						})
						.from(authSessions)
						.innerJoin(users, eq(users.id, authSessions.userId))
						.where(and(inArray(authSessions.id, ids), gt(authSessions.expiresAt, new Date())));
		const liveSessions = new Map(live.map((row) => [row.id, row]));
		/** Who holds the connection now: a user, null for an observer without an account, undefined once signed out. */
		const visitorOf = (connection: Connection): RoomVisitor | undefined => {
			if (connection.authSessionId === null) return null;
			const session = liveSessions.get(connection.authSessionId);
			return session && { id: session.userId, isInstanceAdmin: session.isInstanceAdmin };
		};
		const keyOf = (visitor: RoomVisitor, connection: Connection) =>
			`${visitor?.id ?? 'public'} ${connection.room.name}`;
		// One decision per person and room, however many tabs and phones they hold it with.
		const pairs = new Map<string, { visitor: RoomVisitor; room: string }>();
		for (const connection of open) {
			const visitor = visitorOf(connection);
			if (visitor !== undefined)
				pairs.set(keyOf(visitor, connection), { visitor, room: connection.room.name });
		}
		const keys = [...pairs.keys()];
		const decided = await decideRoomAccesses(db, [...pairs.values()]);
		const accessOf = new Map(keys.map((key, index) => [key, decided[index]]));
		for (const [index, connection] of open.entries()) {
			if (index > 0 && index % RECHECK_SLICE === 0) await yieldToEventLoop();
			const visitor = visitorOf(connection);
			if (visitor === undefined) connection.socket.close(CloseCode.Unauthorized, 'signed out');
			else if (accessOf.get(keyOf(visitor, connection)) !== connection.access)
				connection.socket.close(CloseCode.Forbidden, 'access changed');
		}
	}
	// Signing out, a password reset, a removal: that login's or that user's connections now.
	/** Immediate re-checks asked for so far: an upgrade admitted across one is re-checked too. */
	let recheckRequests = 0;
	registerLoginSocketRecheck((scope) => {
		recheckRequests += 1;
		const concerned = [...connections].filter((c) =>
			'authSessionId' in scope ? c.authSessionId === scope.authSessionId : c.userId === scope.userId
		);
		if (concerned.length === 0) return;
		recheckConnections(concerned).catch((error: unknown) =>
			log.warn({ err: error }, 'could not re-check connections')
		);
	});
	let rechecking = false;
	const ping = setInterval(() => {
		connections.forEach((c) => c.checkAlive());
		// A round still running (a slow database) is not doubled by the next one.
		if (rechecking) return;
		rechecking = true;
		recheckConnections([...connections])
			.catch((error: unknown) => log.warn({ err: error }, 'could not re-check connections'))
			.finally(() => (rechecking = false));
	}, PING_INTERVAL_MS);
	ping.unref();

	/** The room, loaded once; a room still closing is saved before it is opened again. */
	function openRoom(name: string): Promise<Room> {
		let room = rooms.get(name);
		if (!room) {
			room = (async () => {
				await closingRooms.get(name);
				const live = parseServerRoomName(name);
				const opened = live
					? await Room.openLive(name, (doc) => fillLiveRoom(doc, live))
					: await Room.open(name, store);
				await relay?.follow(opened); // CLUSTER SEAM
				return opened;
			})();
			rooms.set(name, room);
			room.catch(() => rooms.delete(name));
		}
		return room;
	}

	function closeRoomIfUnused(room: Room): void {
		if (!room.isUnused()) return;
		rooms.delete(room.name);
		relay?.unfollow(room); // CLUSTER SEAM
		const closing = room
			.close()
			.catch((error: unknown) =>
				log.error({ err: error, room: room.name }, 'could not save a room')
			)
			.finally(() => closingRooms.delete(room.name));
		closingRooms.set(room.name, closing);
	}

	async function admit(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		roomName: string,
		access: Access,
		session: { id: string; user: { id: string; name: string } } | null,
		/** `recheckRequests` when the upgrade's login and rights were read. */
		checkedAt: number
	) {
		const room = await openRoom(roomName);
		room.reserve();
		if (socket.destroyed) {
			if (room.release()) closeRoomIfUnused(room);
			return;
		}
		let joined = false;
		socket.once('close', () => {
			if (!joined && room.release()) closeRoomIfUnused(room);
		});
		const wantsSavedAcks =
			new URL(request.url ?? '/', 'http://localhost').searchParams.get('saved') === '1';
		wss.handleUpgrade(request, socket, head, (ws) => {
			joined = true;
			room.release();
			const identity = {
				userId: session?.user.id ?? null,
				authSessionId: session?.id ?? null,
				// The name and colour the others see: the login's, never what the client says.
				presence: session && presenceOf(session.user)
			};
			const connection = new Connection(ws, room, access, identity, log, wantsSavedAcks);
			connections.add(connection);
			ws.on('close', () => {
				connections.delete(connection);
				if (room.leave(connection)) closeRoomIfUnused(room);
			});
			// A sign-out or removal that committed while this upgrade was under way found no socket
			// to close: this one is re-checked now rather than at the next ping round.
			if (recheckRequests !== checkedAt)
				recheckConnections([connection]).catch((error: unknown) =>
					log.warn({ err: error }, 'could not re-check a connection')
				);
		});
	}

	/**
	 * Admits an upgrade: with a valid login, to what the person's roles allow; without one (or
	 * when the public view asks with `?public=1`, whatever cookie the browser sends), as an
	 * observer without an account — to a meeting's public room only, read-only, and only while the
	 * permission matrix lets `public` follow meetings. Any other room without a login stays 401.
	 */
	async function authenticate(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		roomName: string,
		asPublic: boolean
	) {
		const checkedAt = recheckRequests;
		const token = asPublic ? null : readAuthSessionCookie(request.headers.cookie);
		// No renewal here: an upgrade cannot send the renewed cookie back.
		const session = token
			? await validateAuthSessionToken(await getDatabase(), token, new Date(), { renew: false })
			: null;
		if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
		if (!session && parseRoomName(roomName)?.kind !== 'public')
			return refuseUpgrade(socket, 401, 'Unauthorized');
		const access = await decideRoomAccess(await getDatabase(), session?.user ?? null, roomName);
		if (!access) return refuseUpgrade(socket, 403, 'Forbidden');
		await admit(
			request,
			socket,
			head,
			roomName,
			access,
			session && { id: session.id, user: session.user },
			checkedAt
		);
	}

	return {
		handleUpgrade(request, socket, head) {
			const url = new URL(request.url ?? '/', 'http://localhost');
			if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return false;
			const roomName = url.pathname.slice(YJS_PATH_PREFIX.length);
			if (closing) refuseUpgrade(socket, 503, 'Service Unavailable');
			else if (!ROOM_NAME.test(roomName)) refuseUpgrade(socket, 400, 'Bad Request');
			else if (isForeignOrigin(request)) refuseUpgrade(socket, 403, 'Forbidden');
			else
				authenticate(request, socket, head, roomName, url.searchParams.get('public') === '1').catch(
					(error: unknown) => {
						log.error({ err: error }, 'upgrade failed');
						socket.destroy();
					}
				);
			return true;
		},
		async close() {
			closing = true;
			clearInterval(ping);
			for (const connection of connections)
				connection.socket.close(CloseCode.GoingAway, 'server shutting down');
			const cutOff = setTimeout(
				() => connections.forEach((c) => c.socket.terminate()),
				CLOSE_GRACE_MS
			);
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			while (connections.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
			clearTimeout(cutOff);
			// Every room emptied above is saving itself; wait for them, and for any last batch.
			await Promise.all(closingRooms.values());
			await store.flush();
		}
	};
}
