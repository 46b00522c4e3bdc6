/**
 * The whole app as `npm start` runs it: one process, one port, HTTP and WebSocket, on each
 * database engine. Needs `npm run build` first (the test script runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { createPostgresDatabase, engines } from '../support/databases';
import http from 'node:http';
import {
	createBodyWithFacilitator,
	createMinutesRoom,
	signIn,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';
import { waitFor, webSocketWithCookie } from '../support/yjs-client';

/** Opens a raw upgrade and resolves with the HTTP status the server answered. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('error', (error) =>
			error.message.includes('Unexpected server response') ? undefined : reject(error)
		);
	});
}

describe.each(engines)('the app process on %s', (engine) => {
	let app: AppProcess;
	let dropDatabase: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		if (engine === 'postgres') {
			const created = await createPostgresDatabase();
			dropDatabase = created.drop;
			app = await startApp({ DATABASE_URL: created.url, YJS_PING_INTERVAL_MS: '300' });
		} else {
			app = await startApp({ YJS_PING_INTERVAL_MS: '300' });
		}
	});
	afterAll(async () => {
		if (app.child.exitCode === null) await app.stop();
		await dropDatabase?.();
	});

	it('answers /healthz 200 with the database up', async () => {
		const response = await fetch(`${app.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok', db: 'up', engine });
	});

	it('serves the first-account page in Spanish by default, with a CSP', async () => {
		const response = await fetch(`${app.url}/`);
		expect(response.url).toBe(`${app.url}/registro`);
		const html = await response.text();
		expect(html).toContain('<html lang="es-MX">');
		expect(html).toContain('Crear la primera cuenta');
		expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
	});

	it('refuses a Host it is not (no reset link to another host can be mailed)', async () => {
		const status = await new Promise<number>((resolve, reject) => {
			const request = http.request(
				`${app.url}/recuperar`,
				{ headers: { host: 'evil.example' } },
				(response) => {
					response.resume();
					resolve(response.statusCode ?? 0);
				}
			);
			request.on('error', reject);
			request.end();
		});
		expect(status).toBe(421);
	});

	it('refuses a form post from another origin', async () => {
		const response = await fetch(`${app.url}/entrar`, {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'email=a%40b.mx&password=x'
		});
		expect(response.status).toBe(403);
	});

	it('sends a browser back to its page, not a 500, after a post that is not a form', async () => {
		const response = await fetch(`${app.url}/entrar`, {
			method: 'POST',
			headers: {
				origin: app.url,
				'content-type': 'multipart/form-data; boundary=x',
				accept: 'text/html'
			},
			body: 'not multipart at all',
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/entrar');
		expect(response.headers.get('set-cookie')).toContain('solicitud_rechazada=malformed');
	});

	it('refuses a request body over the size limit', async () => {
		const response = await fetch(`${app.url}/entrar`, {
			method: 'POST',
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
			// Over the default of 21M (evidence files reach 20 MiB).
			body: `email=${'a'.repeat(22 * 1024 * 1024)}`
		});
		expect(response.status).toBe(413);
	});

	// The tests below run in order, on the account this one creates.
	let cookie: string;
	let slug: string;
	/** A fresh minutes room of the body for each test that writes, so tests do not share documents. */
	const room = () => createMinutesRoom(app, cookie, slug);
	it('creates the first account through the form, after which sign-up is closed', async () => {
		cookie = await signUpFirstAccount(app);
		slug = await createBodyWithFacilitator(app, cookie);
		expect(cookie).toMatch(/^auth_session=[a-z0-9]+\.[a-z0-9]+$/);
		await expect(signUpFirstAccount(app, 'second@example.mx')).rejects.toThrow(
			'sign-up failed: 403'
		);
	});

	it('refuses a WebSocket upgrade with 401 without a valid auth-session cookie', async () => {
		const url = `${app.url.replace('http', 'ws')}/yjs/${await room()}`;
		expect(await upgradeStatus(url)).toBe(401);
		expect(await upgradeStatus(url, { cookie: 'auth_session=forged.token' })).toBe(401);
		const [id] = cookie.slice('auth_session='.length).split('.');
		expect(await upgradeStatus(url, { cookie: `auth_session=${id}.wrongsecret` })).toBe(401);
		expect(await upgradeStatus(url, { cookie, origin: 'https://evil.example' })).toBe(403);
		expect(await upgradeStatus(url, { cookie })).toBe(101);
	});

	it('syncs a document between two stock y-websocket clients', async () => {
		const serverUrl = `${app.url.replace('http', 'ws')}/yjs`;
		const options = { WebSocketPolyfill: webSocketWithCookie(cookie) as never, disableBc: true };
		const docA = new Y.Doc();
		const docB = new Y.Doc();
		const shared = await room();
		const a = new WebsocketProvider(serverUrl, shared, docA, options);
		const b = new WebsocketProvider(serverUrl, shared, docB, options);
		try {
			await waitFor(() => a.synced && b.synced);
			docA.getText('acta').insert(0, 'Acuerdo 1: se aprueba el orden del día.');
			await waitFor(
				() => docB.getText('acta').toString() === 'Acuerdo 1: se aprueba el orden del día.'
			);
			expect(docB.getText('acta').toString()).toBe('Acuerdo 1: se aprueba el orden del día.');
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	it('closes an open WebSocket once its login signs out', async () => {
		const minutesForSignOut = await room();
		const second = await signIn(app, 'admin@example.mx');
		const socket = new WebSocket(`${app.url.replace('http', 'ws')}/yjs/${minutesForSignOut}`, {
			headers: { cookie: second }
		});
		await new Promise((resolve) => socket.on('open', resolve));
		const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
		const signOut = await fetch(`${app.url}/salir`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				cookie: second,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			}
		});
		expect(signOut.status).toBe(303);
		expect(await closed).toBe(4401);
		expect(
			await upgradeStatus(`${app.url.replace('http', 'ws')}/yjs/${minutesForSignOut}`, {
				cookie: second
			})
		).toBe(401);
	});

	it('survives garbage and oversized frames, closing only the offending connection', async () => {
		const url = `${app.url.replace('http', 'ws')}/yjs/${await room()}`;
		const noisy = new WebSocket(url, { headers: { cookie } });
		await new Promise((resolve) => noisy.on('open', resolve));
		const noisyClosed = new Promise<number>((resolve) =>
			noisy.on('close', (code) => resolve(code))
		);
		for (let i = 0; i < 12; i++) noisy.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, i]));
		expect(await noisyClosed).toBe(4400);

		const big = new WebSocket(url, { headers: { cookie } });
		await new Promise((resolve) => big.on('open', resolve));
		const bigClosed = new Promise<number>((resolve) => big.on('close', (code) => resolve(code)));
		big.send(Buffer.alloc(2 * 1024 * 1024, 1));
		expect(await bigClosed).toBe(1009);

		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		expect(await upgradeStatus(url, { cookie })).toBe(101);
	});

	it('closes a writer whose role in the body is taken away, and readmits it read-only', async () => {
		const body = await createBodyWithFacilitator(app, cookie);
		const url = `${app.url.replace('http', 'ws')}/yjs/${await createMinutesRoom(app, cookie, body)}`;
		const socket = new WebSocket(url, { headers: { cookie } });
		await new Promise((resolve) => socket.on('open', resolve));
		const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
		const members = `${app.url}/secretariados/${body}/integrantes`;
		const page = await (await fetch(members, { headers: { cookie } })).text();
		const memberId = page.match(/name="memberId" value="([0-9a-f-]{36})"/)![1]!;
		const removed = await fetch(`${members}?/removeMember`, {
			method: 'POST',
			headers: {
				origin: app.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: new URLSearchParams({ memberId })
		});
		expect(removed.status).toBe(200);
		expect(await closed).toBe(4403);
		// Still an instance admin: may read the body's minutes, no longer write them.
		expect(await upgradeStatus(url, { cookie })).toBe(101);
	});

	it('re-checks every socket in one ping round: a withdrawn role closes that person’s rooms in that body, and no one else’s', async () => {
		const ws = `${app.url.replace('http', 'ws')}/yjs/`;
		const post = (path: string, who: string, fields: Record<string, string>) =>
			fetch(`${app.url}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: app.url,
					cookie: who,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: new URLSearchParams(fields)
			});
		const bodyA = await createBodyWithFacilitator(app, cookie);
		const bodyB = await createBodyWithFacilitator(app, cookie);
		const minutesA = await createMinutesRoom(app, cookie, bodyA);
		const minutesB = await createMinutesRoom(app, cookie, bodyB);
		const liveA = minutesA.replace(':minutes-', ':meeting-') + ':live';
		// A companion of body A with an account of their own (invited, then linked by email).
		const email = `acompanante${Date.now()}@example.mx`;
		const membersA = `/secretariados/${bodyA}/integrantes`;
		await post(`${membersA}?/addMember`, cookie, {
			role: 'companion',
			name: 'Acompañante Uno',
			position: '',
			email,
			phone: ''
		});
		await post('/admin/invitaciones', cookie, { email });
		const outbox = await (await fetch(`${app.url}/admin/outbox`, { headers: { cookie } })).text();
		const token = outbox
			.split('<li')
			.find((item) => item.includes(email))
			?.match(/\/invitacion\/([A-Za-z0-9_-]+)/)?.[1];
		const accepted = await post(`/invitacion/${token}`, '', {
			name: 'Acompañante Uno',
			password: 'una contraseña larga',
			passwordConfirm: 'una contraseña larga'
		});
		const companion = accepted.headers
			.getSetCookie()
			.find((c) => c.startsWith('auth_session='))!
			.split(';')[0]!;

		const open = async (room: string, who: string) => {
			const socket = new WebSocket(ws + room, { headers: { cookie: who } });
			const code = new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
			await new Promise((resolve, reject) => {
				socket.on('open', resolve);
				socket.on('unexpected-response', (_request, response) =>
					reject(new Error(`${room}: ${response.statusCode}`))
				);
			});
			let closedWith: number | null = null;
			void code.then((c) => (closedWith = c));
			return { socket, code, closedWith: () => closedWith };
		};
		const companionLive = await open(liveA, companion);
		const companionMinutes = await open(minutesA, companion);
		const adminMinutesA = await open(minutesA, cookie);
		const adminMinutesB = await open(minutesB, cookie);
		const adminLiveA = await open(liveA, cookie);
		const memberIdOf = async (body: string, name: string) => {
			const page = await (
				await fetch(`${app.url}/secretariados/${body}/integrantes`, { headers: { cookie } })
			).text();
			return page.slice(page.indexOf(name)).match(/name="memberId" value="([0-9a-f-]{36})"/)![1]!;
		};
		try {
			// The companion leaves body A: their live room and minutes of A are closed.
			await post(`${membersA}?/removeMember`, cookie, {
				memberId: await memberIdOf(bodyA, 'Acompañante Uno')
			});
			expect(await companionLive.code).toBe(4403);
			expect(await companionMinutes.code).toBe(4403);
			expect(await upgradeStatus(ws + liveA, { cookie: companion })).toBe(403);
			// The admin stops being A's facilitator: may still follow A (instance admin) and edit B.
			await post(`${membersA}?/removeMember`, cookie, {
				memberId: await memberIdOf(bodyA, 'Admin')
			});
			expect(await adminMinutesA.code).toBe(4403);
			await new Promise((resolve) => setTimeout(resolve, 1_000)); // three more rounds
			expect(adminMinutesB.closedWith()).toBeNull();
			expect(adminLiveA.closedWith()).toBeNull();
		} finally {
			for (const { socket } of [adminMinutesB, adminLiveA, adminMinutesA]) socket.close();
		}
	});

	it('lets a visitor without an account follow a meeting public room read-only, and open nothing else', async () => {
		const serverUrl = `${app.url.replace('http', 'ws')}/yjs`;
		const minutes = await room();
		const meetingId = minutes.split(':minutes-')[1]!;
		const live = `${slug}:meeting-${meetingId}:public`;
		// The public page is served to anyone, rendered on the server.
		const publicPage = await fetch(`${app.url}/sesion-publica/${slug}/${meetingId}`);
		expect(publicPage.status).toBe(200);
		expect(await publicPage.text()).toContain('Vista pública de solo lectura');
		expect(
			(await fetch(`${app.url}/sesion-publica/${slug}/00000000-0000-4000-8000-000000000000`)).status
		).toBe(404);

		const options = { WebSocketPolyfill: WebSocket as never, disableBc: true };
		const doc = new Y.Doc();
		const observer = new WebsocketProvider(serverUrl, live, doc, options);
		const closed = new Promise<number>((resolve) =>
			observer.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0))
		);
		const stateOf = (d: Y.Doc) =>
			d.getMap('room').get('state') as { present: { memberId: string }[] } | undefined;
		try {
			await waitFor(() => observer.synced && stateOf(doc) !== undefined);
			expect(stateOf(doc)!.present).toEqual([]);
			// The facilitator checks themself in: the observer sees it.
			const page = await (
				await fetch(`${app.url}/secretariados/${slug}/sesiones/${meetingId}`, {
					headers: { cookie }
				})
			).text();
			const memberId = page.match(/name="memberId" value="([0-9a-f-]{36})"/)![1]!;
			const checkIn = await fetch(
				`${app.url}/secretariados/${slug}/sesiones/${meetingId}?/checkIn`,
				{
					method: 'POST',
					headers: {
						origin: app.url,
						cookie,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'application/json',
						'x-sveltekit-action': 'true'
					},
					body: new URLSearchParams({ memberId })
				}
			);
			expect(checkIn.status).toBe(200);
			await waitFor(() => stateOf(doc)!.present.some((p) => p.memberId === memberId));
			// Ping rounds (every 300 ms here) leave it connected.
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			expect(observer.wsconnected).toBe(true);
			// Its writes are dropped, and it is closed after ten of them.
			for (let i = 0; i < 12; i++) doc.getMap('room').set(`intruso ${i}`, i);
			expect(await closed).toBe(4403);
		} finally {
			observer.destroy();
		}
		const checkDoc = new Y.Doc();
		const check = new WebsocketProvider(serverUrl, live, checkDoc, options);
		try {
			await waitFor(() => check.synced && stateOf(checkDoc) !== undefined);
			expect([...checkDoc.getMap('room').keys()]).toEqual(['state']);
		} finally {
			check.destroy();
		}
		// Never a minutes room nor the members' live room (everyone's names), not even by asking as
		// the public view with a valid login.
		expect(await upgradeStatus(`${serverUrl}/${minutes}`)).toBe(401);
		expect(await upgradeStatus(`${serverUrl}/${minutes}?public=1`, { cookie })).toBe(401);
		const members = `${serverUrl}/${slug}:meeting-${meetingId}:live`;
		expect(await upgradeStatus(members)).toBe(401);
		expect(await upgradeStatus(`${members}?public=1`, { cookie })).toBe(401);
		// Nor the public room of a meeting or body that does not exist.
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect(await upgradeStatus(`${serverUrl}/${slug}:meeting-${unknown}:public`)).toBe(403);
		expect(await upgradeStatus(`${serverUrl}/nadie:meeting-${meetingId}:public`)).toBe(403);
	});

	it('drops every write of a read-only connection, and closes one that keeps writing', async () => {
		const serverUrl = `${app.url.replace('http', 'ws')}/yjs`;
		// An instance admin in a body where they hold no role may read its minutes, not write them.
		const other = await createBodyWithFacilitator(app, cookie);
		const otherMinutes = await createMinutesRoom(app, cookie, other);
		const members = `${app.url}/secretariados/${other}/integrantes`;
		const page = await (await fetch(members, { headers: { cookie } })).text();
		const memberId = page.match(/name="memberId" value="([0-9a-f-]{36})"/)![1]!;
		await fetch(`${members}?/removeMember`, {
			method: 'POST',
			headers: {
				origin: app.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: new URLSearchParams({ memberId })
		});
		const options = { WebSocketPolyfill: webSocketWithCookie(cookie) as never, disableBc: true };
		const readerDoc = new Y.Doc();
		const reader = new WebsocketProvider(serverUrl, otherMinutes, readerDoc, options);
		const closed = new Promise<number>((resolve) =>
			reader.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0))
		);
		try {
			await waitFor(() => reader.synced);
			for (let i = 0; i < 12; i++) readerDoc.getText('acta').insert(0, `intruso ${i} `);
			expect(await closed).toBe(4403);
		} finally {
			reader.destroy();
		}
		// What the server holds: nothing of it. A fresh client of the same room sees an empty text.
		const checkDoc = new Y.Doc();
		const check = new WebsocketProvider(serverUrl, otherMinutes, checkDoc, options);
		try {
			await waitFor(() => check.synced);
			expect(checkDoc.getText('acta').toString()).toBe('');
		} finally {
			check.destroy();
		}
	});

	it('lets nobody set presence for another connection, and keeps honest echoing clients connected', async () => {
		const shared = await room();
		const serverUrl = `${app.url.replace('http', 'ws')}/yjs`;
		const options = { WebSocketPolyfill: webSocketWithCookie(cookie) as never, disableBc: true };
		const [docA, docB, docC] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
		const a = new WebsocketProvider(serverUrl, shared, docA, options);
		const b = new WebsocketProvider(serverUrl, shared, docB, options);
		const c = new WebsocketProvider(serverUrl, shared, docC, options);
		try {
			await waitFor(() => a.synced && b.synced && c.synced);
			a.awareness.setLocalStateField('caret', 'Ana');
			await waitFor(() => c.awareness.getStates().get(docA.clientID)?.caret === 'Ana');
			// B forges an awareness update in A's name.
			const forged = new awarenessProtocol.Awareness(new Y.Doc({ gc: true }));
			forged.clientID = docA.clientID;
			forged.setLocalState({ caret: 'Impostor' });
			const bump = forged.meta.get(docA.clientID)!;
			forged.meta.set(docA.clientID, { ...bump, clock: bump.clock + 100 });
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarUint8Array(
				encoder,
				awarenessProtocol.encodeAwarenessUpdate(forged, [docA.clientID])
			);
			b.ws!.send(encoding.toUint8Array(encoder));
			b.awareness.setLocalStateField('caret', 'Beto');
			await waitFor(() => c.awareness.getStates().get(docB.clientID)?.caret === 'Beto');
			expect(c.awareness.getStates().get(docA.clientID)?.caret).toBe('Ana');
			// Honest traffic: every client echoes its peers' presence back. Thirty cursor moves
			// must not cost anyone their socket (refusing echoes once closed editors mid-typing).
			const sockets = [a.ws, b.ws, c.ws];
			for (let i = 0; i < 30; i++) {
				[a, b, c][i % 3].awareness.setLocalStateField('cursor', i);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			await waitFor(() => c.awareness.getStates().get(docB.clientID)?.cursor === 28);
			expect([a.ws, b.ws, c.ws]).toEqual(sockets);
			expect([a.wsconnected, b.wsconnected, c.wsconnected]).toEqual([true, true, true]);
		} finally {
			a.destroy();
			b.destroy();
			c.destroy();
		}
	});

	it('throttles twenty wrong passwords in a row with a clear Spanish message', async () => {
		const statuses: number[] = [];
		let lastHtml = '';
		for (let i = 0; i < 20; i++) {
			const response = await fetch(`${app.url}/entrar`, {
				method: 'POST',
				headers: {
					origin: app.url,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json'
				},
				body: new URLSearchParams({ email: 'admin@example.mx', password: `equivocada-${i}` })
			});
			statuses.push(response.status);
			lastHtml = await response.text();
		}
		// SvelteKit answers an action's failure to a JSON request with 200 and the status inside.
		const failures = statuses.length;
		expect(failures).toBe(20);
		expect(lastHtml).toContain('Demasiados intentos fallidos');
		expect(lastHtml).toContain('"status":429');
	});

	it('stops within 10 s on SIGTERM, closing an open WebSocket as going away', async () => {
		const socket = new WebSocket(`${app.url.replace('http', 'ws')}/yjs/${await room()}`, {
			headers: { cookie }
		});
		await new Promise((resolve) => socket.on('open', resolve));
		const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
		const { code, ms } = await app.stop('SIGTERM');
		expect(code).toBe(0);
		expect(ms).toBeLessThan(10_000);
		expect(await closed).toBe(1001);
		expect(app.output()).toContain('stopped');
	});
});

// PGlite lives inside the process and cannot go away while it runs; a PostgreSQL server can.
describe.each(engines.filter((engine) => engine === 'postgres'))(
	'the app process losing %s',
	() => {
		it('answers /healthz 503 once the database is gone', async () => {
			const created = await createPostgresDatabase();
			const app = await startApp({ DATABASE_URL: created.url });
			try {
				expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
				await created.drop();
				const response = await fetch(`${app.url}/healthz`);
				expect(response.status).toBe(503);
				expect(await response.json()).toMatchObject({ status: 'unavailable', db: 'down' });
			} finally {
				await app.stop();
			}
		});
	}
);
