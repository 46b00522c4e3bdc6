/**
 * The co-edited documents survive the server: an update acknowledged as saved is in the database,
 * and after a kill -9 and a restart a new client receives it. Runs the built app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import {
	createBodyWithFacilitator,
	createMinutesRoom,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';

const SAVED = 100;

function webSocketWithCookie(cookie: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	};
}

function waitFor(predicate: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
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

/** A stock y-websocket client that records the server's "saved" acknowledgements. */
function connect(app: AppProcess, cookie: string, room: string) {
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
	const isSaved = () => (saved.get(doc.clientID) ?? 0) >= Y.getState(doc.store, doc.clientID);
	return { doc, provider, isSaved };
}

describe('documents across a crash', () => {
	let app: AppProcess;
	let cookie: string;
	let slug: string;

	beforeAll(async () => {
		app = await startApp();
		cookie = await signUpFirstAccount(app);
		slug = await createBodyWithFacilitator(app, cookie);
	});
	afterAll(async () => {
		if (app.child.exitCode === null && app.child.signalCode === null) await app.stop();
	});

	it('acknowledges a change only once stored, and a kill -9 loses none of the acknowledged ones', async () => {
		const room = await createMinutesRoom(app, cookie, slug);
		const writer = connect(app, cookie, room);
		await waitFor(() => writer.provider.synced, 10_000, 'writer synced');
		writer.doc.getText('acta').insert(0, 'Acuerdo 1: se aprueba el orden del día.');
		await waitFor(writer.isSaved, 10_000, 'first save');
		writer.doc.getText('acta').insert(0, 'Sesión ordinaria. ');
		await waitFor(writer.isSaved, 10_000, 'second save');
		writer.provider.destroy();

		await app.stop('SIGKILL', { keepData: true });
		app = await startApp({}, [], { dataDir: app.dataDir });

		const reader = connect(app, cookie, room);
		try {
			await waitFor(() => reader.provider.synced, 10_000, 'reader synced after restart');
			expect(reader.doc.getText('acta').toString()).toBe(
				'Sesión ordinaria. Acuerdo 1: se aprueba el orden del día.'
			);
		} finally {
			reader.provider.destroy();
		}
	});
});
