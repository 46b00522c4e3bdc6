/**
 * The stock y-websocket client in Node, as the tests of the whole process use it: a WebSocket
 * that sends the login's cookie, and a minutes client that records the server's "saved"
 * acknowledgements (MessageType.Saved, `?saved=1`).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type { AppProcess } from './app-process';

const SAVED = 100;

/** A WebSocket class that sends a cookie, for the stock y-websocket client running in Node. */
export function webSocketWithCookie(cookie: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	};
}

export function waitFor(predicate: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
	return new Promise((resolve, reject) => {
		const start = Date.now();
		const tick = () => {
			if (predicate()) return resolve();
			if (Date.now() - start > ms) return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(tick, 10);
		};
		tick();
	});
}

/** A minutes client; `isSaved` is whether the server acknowledged all of its own edits as stored. */
export function connectMinutes(app: Pick<AppProcess, 'url'>, cookie: string, room: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${app.url.replace('http', 'ws')}/yjs`, room, doc, {
		WebSocketPolyfill: webSocketWithCookie(cookie) as never,
		disableBc: true,
		params: { saved: '1' }
	});
	const saved = new Map<number, number>();
	provider.messageHandlers[SAVED] = (_encoder, decoder) => {
		for (const [client, clock] of Y.decodeStateVector(decoding.readVarUint8Array(decoder))) {
			saved.set(client, Math.max(saved.get(client) ?? 0, clock));
		}
	};
	/** The clock up to which the server has stored this client's edits. */
	const savedClock = () => saved.get(doc.clientID) ?? 0;
	const isSaved = () => savedClock() >= Y.getState(doc.store, doc.clientID);
	return { doc, provider, isSaved, savedClock };
}
