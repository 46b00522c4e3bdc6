/**
 * The Yjs WebSocket endpoint, mounted on the same HTTP server as SvelteKit (server/index.ts in
 * production, server/vite-plugin.ts in development). An upgrade to /yjs/<room> is authenticated
 * with the same auth-session cookie as the pages, and answered 401 before any Yjs message when
 * the cookie is missing, expired or forged.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { getDatabase } from '../src/lib/server/db/index';
import { readAuthSessionCookie, validateAuthSessionToken } from '../src/lib/server/auth/session';
import { log } from '../src/lib/server/log';
import { CloseCode } from './close-codes';
import { Connection, type Access } from './Connection';
import { Room } from './Room';

export const YJS_PATH_PREFIX = '/yjs/';
const MAX_MESSAGE_BYTES = 1024 * 1024;
const PING_INTERVAL_MS = 30_000;
const ROOM_NAME = /^[A-Za-z0-9._:-]{1,200}$/;

export interface YjsServer {
	/** Handles an HTTP upgrade; returns false when the path is not ours (Vite's HMR socket, say). */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	readonly rooms: ReadonlyMap<string, Room>;
	close(): Promise<void>;
}

/** Ends an upgrade with a plain HTTP status, before any WebSocket frame. */
function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403, reason: string): void {
	socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A browser's upgrade must come from a page of this site; non-browser clients send no Origin. */
function isForeignOrigin(request: IncomingMessage): boolean {
	const origin = request.headers.origin;
	if (!origin) return false;
	try {
		return new URL(origin).host !== request.headers.host;
	} catch {
		return true;
	}
}

/**
 * Which rights a signed-in user has on a room. Until meetings exist, every room is a document
 * shared by the instance's signed-in users; the live-room issue replaces this with the
 * permission matrix (read-only for observers and the public).
 */
function accessFor(_userId: string, _room: string): Access {
	return 'read-write';
}

export function createYjsServer(): YjsServer {
	const rooms = new Map<string, Room>();
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
	const connections = new Set<Connection>();
	const ping = setInterval(() => connections.forEach((c) => c.checkAlive()), PING_INTERVAL_MS);
	ping.unref();

	async function authenticate(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		roomName: string
	) {
		const token = readAuthSessionCookie(request.headers.cookie);
		const session = token ? await validateAuthSessionToken(await getDatabase(), token) : null;
		if (!session) return refuseUpgrade(socket, 401, 'Unauthorized');
		wss.handleUpgrade(request, socket, head, (ws) => {
			let room = rooms.get(roomName);
			if (!room) {
				room = new Room(roomName);
				rooms.set(roomName, room);
			}
			const connection = new Connection(
				ws,
				room,
				accessFor(session.user.id, roomName),
				session.user.id,
				log
			);
			connections.add(connection);
			ws.on('close', () => {
				connections.delete(connection);
				if (room.leave(connection)) {
					rooms.delete(roomName);
					room.destroy();
				}
			});
		});
	}

	return {
		rooms,
		handleUpgrade(request, socket, head) {
			const url = new URL(request.url ?? '/', 'http://localhost');
			if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return false;
			const roomName = url.pathname.slice(YJS_PATH_PREFIX.length);
			if (!ROOM_NAME.test(roomName)) {
				refuseUpgrade(socket, 400, 'Bad Request');
				return true;
			}
			if (isForeignOrigin(request)) {
				refuseUpgrade(socket, 403, 'Forbidden');
				return true;
			}
			authenticate(request, socket, head, roomName).catch((error: unknown) => {
				log.error({ err: error }, 'upgrade failed');
				socket.destroy();
			});
			return true;
		},
		async close() {
			clearInterval(ping);
			for (const connection of connections)
				connection.socket.close(CloseCode.GoingAway, 'server shutting down');
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
