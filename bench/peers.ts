/**
 * The bench's clients: the stock y-websocket provider, over `ws` with the session cookie (the
 * tests' webSocketWithCookie), opened spread over time as people join a meeting.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { webSocketWithCookie } from '../tests/support/yjs-client';
import { CONNECT_SPREAD_MS } from './parameters';
import { sleep, waitUntil } from './measure';

export interface Peer {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

/** Failed or refused connections, for the message when clients do not sync. */
export const connectionErrors = { count: 0 };

/** Our server's own message (acknowledged saves, `?saved=1`); the minutes client asks for it. */
const SAVED_MESSAGE = 100;

const socketClasses = new Map<string, unknown>();
function socketClass(cookie: string) {
	let found = socketClasses.get(cookie);
	if (!found) socketClasses.set(cookie, (found = webSocketWithCookie(cookie)));
	return found;
}

export function openPeer(
	serverUrl: string,
	room: string,
	cookie: string,
	options: { saved?: boolean; onChange: () => void }
): Peer {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		WebSocketPolyfill: socketClass(cookie) as never,
		disableBc: true,
		params: options.saved ? { saved: '1' } : {}
	});
	if (options.saved) provider.messageHandlers[SAVED_MESSAGE] = () => {};
	provider.on('connection-error', () => (connectionErrors.count += 1));
	provider.on('connection-close', (event) => {
		if (event && event.code !== 1000 && event.code !== 1001) connectionErrors.count += 1;
	});
	doc.on('update', options.onChange);
	return { doc, provider };
}

const closed = new WeakSet<Peer>();
export function closePeers(peers: Peer[]): void {
	for (const peer of peers) {
		if (closed.has(peer)) continue;
		closed.add(peer);
		peer.provider.destroy();
		peer.doc.destroy();
	}
}

/**
 * Opens the peers one after another, spread evenly over up to 15 s, then waits until all are
 * synced (and `ready`). People join a meeting at different moments; opened all at once, the
 * clients would renew their presence (every 15 s, y-protocols' awareness) in one synchronised
 * burst that stalls whichever server — and this process — far more than real use ever does.
 */
export async function connectAll<T extends Peer>(
	count: number,
	open: (i: number) => T,
	ready: (peer: T) => boolean
): Promise<T[]> {
	const spreadMs = Math.min(CONNECT_SPREAD_MS, count * 20);
	const peers: T[] = [];
	const started = performance.now();
	try {
		for (let i = 0; i < count; i++) {
			const wait = started + (i * spreadMs) / count - performance.now();
			if (wait > 0) await sleep(wait);
			peers.push(open(i));
		}
		await waitUntil(
			() =>
				`${peers.filter((p) => !(p.provider.synced && ready(p))).length} of ${count} clients ` +
				`to sync (${connectionErrors.count} refused or failed connections so far)`,
			() => peers.every((p) => p.provider.synced && ready(p)),
			60_000 + count * 10
		);
	} catch (error) {
		closePeers(peers);
		throw error;
	}
	return peers;
}
