/**
 * A cluster's failures (issue 13), against the built app (`npm run build` first), two instances
 * over one PostgreSQL database (TEST_DATABASE_URL):
 *
 * - one instance killed (SIGKILL) mid-session: its clients, reconnecting through a TCP proxy that
 *   stands for the load balancer, land on the other and carry on; every acknowledged edit and
 *   every committed room change is there (shared Redis, under a prefix of this test's own);
 * - Redis stopped and started mid-session (a private redis-server, tests/support/private-redis.ts):
 *   each instance keeps serving its own clients, /healthz and the log say degraded, and the two
 *   converge once Redis is back.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createPostgresDatabase } from '../support/databases';
import { signUpFirstAccount, startApp, type AppProcess } from '../support/app-process';
import { waitFor } from '../support/yjs-client';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import {
	checkIn,
	connectLive,
	connectMinutes,
	createMeeting,
	facilitatorMemberId,
	postMeetingAction,
	presentIn,
	stateIn
} from '../support/cluster-client';

const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const textOf = (client: { doc: import('yjs').Doc }) => client.doc.getText('acta').toString();

/** Two instances over a fresh database; what to stop and drop afterwards. */
async function startPair(redisUrl: string, prefix: string) {
	const created = await createPostgresDatabase();
	const env = {
		DATABASE_URL: created.url,
		REDIS_URL: redisUrl,
		REDIS_PREFIX: prefix,
		YJS_PING_INTERVAL_MS: '600000'
	};
	const a = await startApp(env);
	const b = await startApp(env);
	return { a, b, drop: created.drop };
}

describe('a cluster when things fail', () => {
	const cleanups: (() => Promise<unknown>)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
	});
	afterAll(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
	});

	it('carries on when an instance is killed: its clients reconnect to the other, nothing acknowledged lost', async () => {
		const prefix = `mesa-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
		const { a, b, drop } = await startPair(SHARED_REDIS_URL, prefix);
		let proxy: TcpProxy | undefined;
		cleanups.push(
			drop,
			() => a.stop(),
			() => b.stop(),
			async () => {
				const redis = new Redis(SHARED_REDIS_URL);
				const keys = await redis.keys(`${prefix}:*`);
				if (keys.length > 0) await redis.del(...keys);
				await redis.quit();
			}
		);
		proxy = await startTcpProxy(a.port);
		cleanups.push(() => proxy!.close());

		const admin = await signUpFirstAccount(a);
		const meeting = await createMeeting(a, admin);
		const memberId = await facilitatorMemberId(a, admin, meeting.slug);
		const room = `${meeting.slug}:minutes-${meeting.meetingId}`;
		const writer = connectMinutes(proxy, admin, room);
		const reader = connectMinutes(b, admin, room);
		const live = connectLive(proxy, admin, meeting);
		cleanups.push(async () => [writer, reader, live].forEach((c) => c.provider.destroy()));
		await waitFor(
			() => writer.provider.synced && reader.provider.synced && live.provider.synced,
			10_000,
			'synced'
		);

		writer.doc.getText('acta').insert(0, 'Antes de la caída. ');
		await waitFor(writer.isSaved, 10_000, 'first edit saved');
		expect((await postMeetingAction(a, admin, meeting, 'open')).status).toBe(200);
		expect((await checkIn(a, admin, meeting, memberId)).status).toBe(200);
		await waitFor(() => presentIn(live.doc).includes(memberId), 10_000, 'check-in on A');

		await a.stop('SIGKILL', { keepData: true });
		proxy.pointAt(b.port);
		await waitFor(() => !writer.provider.wsconnected, 10_000, 'writer cut off');
		await waitFor(
			() => writer.provider.wsconnected && writer.provider.synced,
			20_000,
			'writer back through the proxy'
		);
		await waitFor(() => live.provider.wsconnected && live.provider.synced, 20_000, 'live back');

		// The room as the database has it: the meeting open, the check-in there.
		await waitFor(() => presentIn(live.doc).includes(memberId), 10_000, 'check-in after');
		expect(stateIn(live.doc)?.status).toBe('open');
		// And the meeting carries on, through B.
		writer.doc.getText('acta').insert(textOf(writer).length, 'Después de la caída.');
		await waitFor(writer.isSaved, 10_000, 'edit after the fall saved');
		expect((await postMeetingAction(b, admin, meeting, 'next')).status).toBe(200);
		await waitFor(() => stateIn(live.doc)?.currentItem === 1, 10_000, 'agenda moved on B');
		await waitFor(
			() => textOf(reader) === 'Antes de la caída. Después de la caída.',
			10_000,
			'reader on B has every edit'
		);

		// Stored once each: a fresh client after everyone left.
		for (const client of [writer, reader]) client.provider.destroy();
		const fresh = connectMinutes(b, admin, room);
		cleanups.push(async () => fresh.provider.destroy());
		await waitFor(() => fresh.provider.synced, 10_000, 'fresh reader synced');
		expect(textOf(fresh)).toBe('Antes de la caída. Después de la caída.');
	}, 240_000);

	it('keeps serving each instance’s clients while Redis is away, says so, and converges when it is back', async () => {
		const redis: PrivateRedis = await startPrivateRedis();
		cleanups.push(() => redis.remove());
		const { a, b, drop } = await startPair(redis.url, 'mesa-test');
		cleanups.push(
			drop,
			() => a.stop(),
			() => b.stop()
		);

		const admin = await signUpFirstAccount(a);
		const meeting = await createMeeting(a, admin);
		const memberId = await facilitatorMemberId(a, admin, meeting.slug);
		const room = `${meeting.slug}:minutes-${meeting.meetingId}`;
		const writer = connectMinutes(a, admin, room);
		const editor = connectMinutes(b, admin, room);
		const liveA = connectLive(a, admin, meeting);
		const liveB = connectLive(b, admin, meeting);
		cleanups.push(async () => [writer, editor, liveA, liveB].forEach((c) => c.provider.destroy()));
		await waitFor(
			() => [writer, editor, liveA, liveB].every((c) => c.provider.synced),
			10_000,
			'synced'
		);
		writer.doc.getText('acta').insert(0, 'Uno. ');
		await waitFor(() => textOf(editor) === 'Uno. ', 10_000, 'first edit crossed');

		await redis.stop();
		await waitFor(() => a.output().includes('redis unreachable'), 10_000, 'the log says so');
		const health = await fetch(`${a.url}/healthz`);
		expect(health.status).toBe(200);
		const said = (await health.json()) as { status: string; redis: string; reason: string };
		expect(said).toMatchObject({ status: 'degraded', redis: 'down' });
		expect(said.reason).toMatch(/redis/);

		// Each instance serves its own clients: edits saved, a check-in seen on its own live room.
		writer.doc.getText('acta').insert(textOf(writer).length, 'Dos desde A. ');
		editor.doc.getText('acta').insert(0, 'Tres desde B. ');
		await waitFor(writer.isSaved, 10_000, "A's edit saved without Redis");
		await waitFor(editor.isSaved, 10_000, "B's edit saved without Redis");
		expect((await checkIn(a, admin, meeting, memberId)).status).toBe(200);
		await waitFor(() => presentIn(liveA.doc).includes(memberId), 10_000, 'check-in on A');
		// A sign-in is still throttled, in the instance's own memory.
		const signInPage = await fetch(`${b.url}/entrar`);
		expect(signInPage.status).toBe(200);

		await redis.start();
		await waitFor(() => a.output().includes('redis reachable again'), 20_000, 'back in the log');
		await waitFor(
			() =>
				textOf(writer) === textOf(editor) &&
				textOf(writer).includes('Dos desde A.') &&
				textOf(writer).includes('Tres desde B.'),
			20_000,
			'minutes converged'
		);
		await waitFor(() => presentIn(liveB.doc).includes(memberId), 20_000, 'check-in reached B');
		const healthy = (await (await fetch(`${b.url}/healthz`)).json()) as { status: string };
		expect(healthy.status).toBe('ok');
		// And they follow each other again.
		expect((await checkIn(b, admin, meeting, memberId, 'checkOut')).status).toBe(200);
		await waitFor(() => presentIn(liveA.doc).length === 0, 10_000, 'check-out reached A');
	}, 240_000);
});
