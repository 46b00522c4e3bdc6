/**
 * A cluster (issue 13), against the built app (`npm run build` first): two app processes over one
 * PostgreSQL database (TEST_DATABASE_URL) and one Redis, with clients on each. What is committed
 * through one reaches the other's clients — a check-in, minutes (acknowledged as saved), presence,
 * a sign-out closing the login's sockets — and the hourly jobs run on one of them. The shared
 * Redis (TEST_REDIS_URL, else 127.0.0.1:6379) is used under a prefix of this test's own, removed
 * afterwards. The ping round is ten minutes: a socket closed within a test was closed at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { createPostgresDatabase } from '../support/databases';
import { signUpFirstAccount, startApp, type AppProcess } from '../support/app-process';
import { waitFor } from '../support/yjs-client';
import {
	checkIn,
	connectLive,
	connectMinutes,
	createMeeting,
	facilitatorMemberId,
	presentIn
} from '../support/cluster-client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The apps read the client's address from this header, as behind a proxy. */
const ADDRESS_HEADER = 'x-test-client-address';

describe('two instances over one database and Redis', () => {
	let a: AppProcess;
	let b: AppProcess;
	let dropDatabase: () => Promise<void>;
	const prefix = `mesa-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
	let admin: string;
	let meeting: { slug: string; meetingId: string };
	let memberId: string;

	beforeAll(async () => {
		const created = await createPostgresDatabase();
		dropDatabase = created.drop;
		const env = {
			DATABASE_URL: created.url,
			REDIS_URL,
			REDIS_PREFIX: prefix,
			YJS_PING_INTERVAL_MS: '600000',
			ADDRESS_HEADER
		};
		// One after the other: the first runs the migrations.
		a = await startApp(env);
		b = await startApp(env);
		admin = await signUpFirstAccount(a);
		meeting = await createMeeting(a, admin);
		memberId = await facilitatorMemberId(a, admin, meeting.slug);
	}, 240_000);

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await dropDatabase?.();
		const redis = new Redis(REDIS_URL);
		const keys = await redis.keys(`${prefix}:*`);
		if (keys.length > 0) await redis.del(...keys);
		await redis.quit();
	});

	it('says in /healthz that both are cluster members with Redis up', async () => {
		for (const app of [a, b]) {
			const response = await fetch(`${app.url}/healthz`);
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ status: 'ok', db: 'up', redis: 'up' });
		}
	});

	it("brings a check-in posted to one to the other's live room clients", async () => {
		const onA = connectLive(a, admin, meeting);
		const onB = connectLive(b, admin, meeting);
		try {
			await waitFor(() => onA.provider.synced && onB.provider.synced, 10_000, 'live rooms synced');
			expect(presentIn(onB.doc)).toEqual([]);
			expect((await checkIn(a, admin, meeting, memberId)).status).toBe(200);
			await waitFor(() => presentIn(onB.doc).includes(memberId), 10_000, 'check-in on B');
			await waitFor(() => presentIn(onA.doc).includes(memberId), 10_000, 'check-in on A');
			// And back: a check-out through B reaches A's clients.
			expect((await checkIn(b, admin, meeting, memberId, 'checkOut')).status).toBe(200);
			await waitFor(() => presentIn(onA.doc).length === 0, 10_000, 'check-out on A');
		} finally {
			onA.provider.destroy();
			onB.provider.destroy();
		}
	});

	it("brings minutes typed through one to the other's editors, acknowledged as saved, with presence", async () => {
		const room = `${meeting.slug}:minutes-${meeting.meetingId}`;
		const writer = connectMinutes(a, admin, room);
		const editor = connectMinutes(b, admin, room);
		try {
			await waitFor(() => writer.provider.synced && editor.provider.synced, 10_000, 'synced');
			writer.doc.getText('acta').insert(0, 'Acuerdo 1 desde A. ');
			await waitFor(
				() => editor.doc.getText('acta').toString().includes('Acuerdo 1 desde A.'),
				10_000,
				"A's text on B"
			);
			await waitFor(writer.isSaved, 10_000, "A's edit saved");
			editor.doc.getText('acta').insert(0, 'Acuerdo 2 desde B. ');
			await waitFor(
				() => writer.doc.getText('acta').toString().includes('Acuerdo 2 desde B.'),
				10_000,
				"B's text on A"
			);
			await waitFor(editor.isSaved, 10_000, "B's edit saved");
			expect(writer.doc.getText('acta').toString()).toBe(editor.doc.getText('acta').toString());

			writer.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
			await waitFor(
				() => editor.provider.awareness.getStates().get(writer.doc.clientID)?.cursor !== undefined,
				10_000,
				"A's presence on B"
			);
			// The server wrote the login's name into it, on A, and B shows it as it came.
			expect(editor.provider.awareness.getStates().get(writer.doc.clientID)?.user).toMatchObject({
				name: 'Admin'
			});
		} finally {
			writer.provider.destroy();
			editor.provider.destroy();
		}
		// Stored once: a third client, on B, after both closed the room, reads one copy of each.
		const reader = connectMinutes(b, admin, room);
		try {
			await waitFor(() => reader.provider.synced, 10_000, 'reader synced');
			const text = reader.doc.getText('acta').toString();
			expect(text.match(/Acuerdo 1/g)).toHaveLength(1);
			expect(text.match(/Acuerdo 2/g)).toHaveLength(1);
		} finally {
			reader.provider.destroy();
		}
	});

	it("closes a login's sockets on both instances when it signs out through one", async () => {
		const signedIn = await fetch(`${b.url}/entrar`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: b.url,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				[ADDRESS_HEADER]: '4.4.4.4'
			},
			body: new URLSearchParams({ email: 'admin@example.mx', password: 'una contraseña larga' })
		});
		const leaving = signedIn.headers
			.getSetCookie()
			.find((c) => c.startsWith('auth_session='))!
			.split(';')[0]!;
		const room = `${meeting.slug}:minutes-${meeting.meetingId}`;
		const open = async (app: AppProcess) => {
			const socket = new WebSocket(`${app.url.replace('http', 'ws')}/yjs/${room}`, {
				headers: { cookie: leaving }
			});
			const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
			await new Promise((resolve, reject) => {
				socket.on('open', resolve);
				socket.on('unexpected-response', (_request, response) =>
					reject(new Error(`upgrade refused: ${response.statusCode}`))
				);
			});
			// In an object: an async function's returned promise would be awaited with it.
			return { closed };
		};
		const { closed: closedOnA } = await open(a);
		const { closed: closedOnB } = await open(b);
		const signedOut = await fetch(`${b.url}/salir`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: b.url,
				cookie: leaving,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: ''
		});
		expect(signedOut.status).toBe(303);
		expect(await closedOnB).toBe(4401);
		expect(await closedOnA).toBe(4401);
	});

	it('counts sign-in failures across instances: five from one address, wherever they land', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) {
			const app = i % 2 === 0 ? a : b;
			const response = await fetch(`${app.url}/entrar`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: app.url,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					[ADDRESS_HEADER]: '5.5.5.5'
				},
				body: new URLSearchParams({ email: 'nadie@example.mx', password: `equivocada-${i}` })
			});
			statuses.push(response.status);
		}
		expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
	});

	it('ran the scheduled jobs on one instance only', async () => {
		// Both asked for the lease at start-up; one may still be logging its answer.
		await waitFor(
			() =>
				[a, b].every(
					(app) =>
						app.output().includes('scheduled jobs ran') ||
						app.output().includes('scheduled jobs left to')
				),
			10_000,
			'both instances decided'
		);
		const ran = [a, b].filter((app) => app.output().includes('scheduled jobs ran'));
		const left = [a, b].filter((app) => app.output().includes('scheduled jobs left to'));
		expect(ran).toHaveLength(1);
		expect(left).toHaveLength(1);
	});
});

describe('a cluster without PostgreSQL', () => {
	it('is refused at start: an embedded database cannot be shared', async () => {
		await expect(startApp({ REDIS_URL, REDIS_PREFIX: 'mesa-test-refused' })).rejects.toThrow(
			/REDIS_URL \(a cluster\) needs DATABASE_URL/
		);
	}, 120_000);
});
