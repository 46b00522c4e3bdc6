/**
 * Logins and their sockets, against the built app (`npm run build` first): signing out, a password
 * reset and a removal from the body close that person's WebSocket connections at once — the ping
 * round is set to ten minutes here, so only the immediate re-check can close them within a test —
 * the sign-in throttle cannot be turned into a lockout, and presence shows the login's own name.
 * The app reads the client address from a header (ADDRESS_HEADER), as behind a proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createPostgresDatabase, engines } from '../support/databases';
import {
	createBodyWithFacilitator,
	createMinutesRoom,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';
import { waitFor, webSocketWithCookie } from '../support/yjs-client';

const ADDRESS_HEADER = 'x-test-client-address';
const PASSWORD = 'una contraseña larga';
const OBSERVER = 'Beto Observador';

describe.each(engines)('logins and their sockets on %s', (engine) => {
	let app: AppProcess;
	let dropDatabase: (() => Promise<void>) | undefined;
	let admin: string;
	let body: string;
	let minutes: string;
	let observerEmail: string;
	let observerPassword = PASSWORD;

	const post = (
		path: string,
		cookie: string,
		fields: Record<string, string>,
		address = '9.9.9.9'
	) =>
		fetch(`${app.url}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				[ADDRESS_HEADER]: address
			},
			body: new URLSearchParams(fields)
		});
	const cookieOf = (response: Response) =>
		response.headers
			.getSetCookie()
			.find((c) => c.startsWith('auth_session='))
			?.split(';')[0];
	const signInFrom = (address: string, email: string, password: string) =>
		post('/entrar', '', { email, password }, address);
	/**
	 * A mail's link out of the admin's outbox (no SMTP configured: mail stays there), waiting for it:
	 * a reset request is answered before its mail is written, so that the answer's timing does not
	 * tell whether the account exists.
	 */
	const linkInOutbox = async (email: string, path: string) => {
		for (let tries = 0; tries < 100; tries += 1) {
			const outbox = await (
				await fetch(`${app.url}/admin/outbox`, { headers: { cookie: admin } })
			).text();
			const link = outbox
				.split('<li')
				.find((item) => item.includes(email) && item.includes(path))
				?.match(new RegExp(`${path}([A-Za-z0-9_-]+)`))?.[1];
			if (link) return link;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`no mail to ${email} with ${path} in the outbox`);
	};
	/** Opens a raw socket on the minutes; resolves once open, with a promise of its close code. */
	const openSocket = async (cookie: string) => {
		const socket = new WebSocket(`${app.url.replace('http', 'ws')}/yjs/${minutes}`, {
			headers: { cookie }
		});
		const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
		await new Promise((resolve, reject) => {
			socket.on('open', resolve);
			socket.on('unexpected-response', (_request, response) =>
				reject(new Error(`upgrade refused: ${response.statusCode}`))
			);
		});
		return { socket, closed };
	};
	const signInObserver = async () => {
		const cookie = cookieOf(await signInFrom('7.7.7.7', observerEmail, observerPassword));
		if (!cookie) throw new Error('the observer could not sign in');
		return cookie;
	};

	beforeAll(async () => {
		// Ten minutes: a socket closed within a test was closed by the immediate re-check.
		const env = { YJS_PING_INTERVAL_MS: '600000', ADDRESS_HEADER };
		if (engine === 'postgres') {
			const created = await createPostgresDatabase();
			dropDatabase = created.drop;
			app = await startApp({ ...env, DATABASE_URL: created.url });
		} else {
			app = await startApp(env);
		}
		admin = await signUpFirstAccount(app);
		body = await createBodyWithFacilitator(app, admin);
		minutes = await createMinutesRoom(app, admin, body);
		// An observer of the body with an account of their own (invited, then linked by email).
		observerEmail = `observador${Date.now()}@example.mx`;
		await post(`/secretariados/${body}/integrantes?/addMember`, admin, {
			role: 'observer',
			name: OBSERVER,
			position: '',
			email: observerEmail,
			phone: ''
		});
		await post('/admin/invitaciones', admin, { email: observerEmail });
		const token = await linkInOutbox(observerEmail, '/invitacion/');
		const accepted = await post(`/invitacion/${token}`, '', {
			name: OBSERVER,
			password: PASSWORD,
			passwordConfirm: PASSWORD
		});
		if (!cookieOf(accepted)) throw new Error(`invitation not accepted: ${accepted.status}`);
	});
	afterAll(async () => {
		if (app.child.exitCode === null) await app.stop();
		await dropDatabase?.();
	});

	it('shows the others the name of the login behind a presence, whatever the client claims, and refuses a 5 KB state', async () => {
		const observer = await signInObserver();
		const serverUrl = `${app.url.replace('http', 'ws')}/yjs`;
		const [docA, docB] = [new Y.Doc(), new Y.Doc()];
		const facilitator = new WebsocketProvider(serverUrl, minutes, docA, {
			WebSocketPolyfill: webSocketWithCookie(admin) as never,
			disableBc: true
		});
		const impostor = new WebsocketProvider(serverUrl, minutes, docB, {
			WebSocketPolyfill: webSocketWithCookie(observer) as never,
			disableBc: true
		});
		const seen: unknown[] = [];
		facilitator.awareness.on('change', () =>
			seen.push(facilitator.awareness.getStates().get(docB.clientID))
		);
		try {
			await waitFor(() => facilitator.synced && impostor.synced);
			facilitator.awareness.setLocalStateField('user', { name: 'Admin', color: '#0f5c5c' });
			// The observer claims to be the facilitator, in the facilitator's colour.
			impostor.awareness.setLocalState({ user: { name: 'Admin', color: '#0f5c5c' }, cursor: 1 });
			await waitFor(() => facilitator.awareness.getStates().get(docB.clientID)?.cursor === 1);
			const shown = facilitator.awareness.getStates().get(docB.clientID)!;
			expect(shown.user.name).toBe(OBSERVER);
			expect(shown.user.color).toMatch(/^#[0-9a-f]{6}$/);
			// Everyone sees the facilitator under the facilitator's own login.
			await waitFor(() => impostor.awareness.getStates().get(docA.clientID)?.user !== undefined);
			expect(impostor.awareness.getStates().get(docA.clientID)!.user.name).toBe('Admin');

			// Over 4 KB: refused; the next, small state (sent after it on the same socket) arrives.
			impostor.awareness.setLocalState({ cursor: 2, note: 'x'.repeat(5 * 1024) });
			impostor.awareness.setLocalState({ cursor: 3 });
			await waitFor(() => facilitator.awareness.getStates().get(docB.clientID)?.cursor === 3);
			expect(seen.some((state) => (state as { cursor?: number } | undefined)?.cursor === 2)).toBe(
				false
			);
			expect(impostor.wsconnected).toBe(true);
		} finally {
			facilitator.destroy();
			impostor.destroy();
		}
	});

	it('closes the sockets of a login at once when it signs out, and no other login’s', async () => {
		const leaving = await signInObserver();
		const staying = await signInObserver();
		const { closed: leavingClosed } = await openSocket(leaving);
		const other = await openSocket(staying);
		expect((await post('/salir', leaving, {})).status).toBe(303);
		expect(await leavingClosed).toBe(4401);
		// The same person's other login, on another phone, is untouched.
		expect(other.socket.readyState).toBe(WebSocket.OPEN);
		other.socket.close();
		await other.closed;
	});

	it('closes every socket of an account at once when its password is reset', async () => {
		const phone = await signInObserver();
		const laptop = await signInObserver();
		const closed = [(await openSocket(phone)).closed, (await openSocket(laptop)).closed];
		await post('/recuperar', '', { email: observerEmail });
		const token = await linkInOutbox(observerEmail, '/restablecer/');
		observerPassword = 'otra contraseña larga';
		const reset = await post(`/restablecer/${token}`, '', {
			password: observerPassword,
			passwordConfirm: observerPassword
		});
		expect(reset.status).toBe(303);
		expect(await Promise.all(closed)).toEqual([4401, 4401]);
	});

	it('closes a removed member’s sockets in the body at once', async () => {
		const observer = await signInObserver();
		const { closed } = await openSocket(observer);
		const members = `/secretariados/${body}/integrantes`;
		const page = await (await fetch(`${app.url}${members}`, { headers: { cookie: admin } })).text();
		const memberId = page
			.slice(page.indexOf(OBSERVER))
			.match(/name="memberId" value="([0-9a-f-]{36})"/)![1]!;
		expect((await post(`${members}?/removeMember`, admin, { memberId })).status).toBe(200);
		expect(await closed).toBe(4403);
	});

	it('cannot be used to lock someone out: failures from one address leave the owner free to sign in from another', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 8; i++) {
			const response = await post(
				'/entrar',
				'',
				{ email: 'admin@example.mx', password: `equivocada-${i}` },
				'6.6.6.6'
			);
			statuses.push(response.status);
		}
		// Five wrong passwords from that address, then it is refused for this account.
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses.slice(5)).toEqual([429, 429, 429]);
		expect((await signInFrom('6.6.6.6', 'admin@example.mx', PASSWORD)).status).toBe(429);
		// The owner, from an address that has not failed, gets in (a little later, not locked out).
		const owner = await signInFrom('8.8.8.8', 'admin@example.mx', PASSWORD);
		expect(owner.status).toBe(303);
		expect(cookieOf(owner)).toMatch(/^auth_session=/);
	});
});
