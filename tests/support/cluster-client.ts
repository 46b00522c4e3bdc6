/**
 * What the cluster tests (tests/server/cluster*.spec.ts) do through the real forms and sockets:
 * a body and a meeting, the facilitator's check-in, a live room's client.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createBodyWithFacilitator, createMinutesRoom, type AppProcess } from './app-process';
import { webSocketWithCookie } from './yjs-client';
import type { MeetingState } from '../../src/lib/live/meeting-state';
import { createDatabase } from '../../src/lib/server/db/index';
import { users } from '../../src/lib/server/db/schema';
import { createAuthSession } from '../../src/lib/server/auth/session';
import { loadSecretariat } from '../../src/lib/server/secretariats/secretariats';
import {
	linkMembershipsToUser,
	listMembers,
	saveSeat
} from '../../src/lib/server/secretariats/members';

export { connectMinutes } from './yjs-client';

export interface TestMeeting {
	slug: string;
	meetingId: string;
}

/** A body with the signed-in admin as its facilitator, and a meeting of it. */
export async function createMeeting(
	app: AppProcess,
	cookie: string,
	/** Before the meeting, e.g. `holdEverySeat`. */
	prepareBody: (slug: string) => Promise<void> = async () => {}
): Promise<TestMeeting> {
	const slug = await createBodyWithFacilitator(app, cookie);
	await prepareBody(slug);
	const room = await createMinutesRoom(app, cookie, slug);
	return { slug, meetingId: room.split(':minutes-')[1]! };
}

/** A seat's titular with a login of their own. */
export interface SeatHolderLogin {
	memberId: string;
	cookie: string;
}

/**
 * Gives every seat of the body a titular with an account and a login, straight in the shared
 * database (the cluster's instances read it), so that each may check in and vote through the
 * forms. One person holds one seat, and the facilitator none (RULES.md).
 */
export async function fillSeats(databaseUrl: string, slug: string): Promise<SeatHolderLogin[]> {
	const { db, close } = await createDatabase({ engine: 'postgres', url: databaseUrl });
	try {
		const body = (await loadSecretariat(db, slug))!;
		const logins: SeatHolderLogin[] = [];
		for (const [index, seat] of body.seats.entries()) {
			const email = `titular${index}@example.mx`;
			const saved = await saveSeat(db, body.secretariat.id, seat.id, {
				sector: seat.sector,
				organisation: '',
				titular: {
					name: `Titular ${index}`,
					position: '',
					email,
					phone: '',
					termStartsOn: null,
					termEndsOn: null,
					reelections: 0
				},
				substitute: null
			});
			if (!saved.ok) throw new Error(`could not fill seat ${index}: ${JSON.stringify(saved)}`);
			const [user] = await db
				.insert(users)
				.values({ name: `Titular ${index}`, email, passwordHash: 'not used', locale: 'es-MX' })
				.returning();
			await linkMembershipsToUser(db, { id: user!.id, email });
			const { token } = await createAuthSession(db, user!.id);
			const member = (await listMembers(db, body.secretariat.id)).find(
				(m) => m.email === email && m.role === 'titular'
			)!;
			logins.push({ memberId: member.id, cookie: `auth_session=${token}` });
		}
		return logins;
	} finally {
		await close();
	}
}

/** Whether a posted action succeeded (SvelteKit's answer to an enhanced form). */
export async function succeeded(response: Promise<Response>): Promise<boolean> {
	const answer = await response;
	const body = (await answer.json()) as { type?: string };
	return answer.status === 200 && body.type === 'success';
}

/** The facilitator's (the admin's) membership id, from the members' page. */
export async function facilitatorMemberId(
	app: AppProcess,
	cookie: string,
	slug: string
): Promise<string> {
	const page = await (
		await fetch(`${app.url}/secretariados/${slug}/integrantes`, { headers: { cookie } })
	).text();
	const memberId = page.match(/name="memberId" value="([0-9a-f-]{36})"/)?.[1];
	if (!memberId) throw new Error('no member on the members page');
	return memberId;
}

/** Posts the meeting page's check-in (or check-out) form, as an enhanced form does. */
export function checkIn(
	app: AppProcess,
	cookie: string,
	meeting: TestMeeting,
	memberId: string,
	action: 'checkIn' | 'checkOut' = 'checkIn'
): Promise<Response> {
	return postMeetingAction(app, cookie, meeting, action, { memberId });
}

/** Posts one of the meeting page's actions (open, next, checkIn…), as an enhanced form does. */
export function postMeetingAction(
	app: AppProcess,
	cookie: string,
	meeting: TestMeeting,
	action: string,
	fields: Record<string, string> = {}
): Promise<Response> {
	return fetch(
		`${app.url}/secretariados/${meeting.slug}/sesiones/${meeting.meetingId}?/${action}`,
		{
			method: 'POST',
			headers: {
				origin: app.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields)
		}
	);
}

/** A stock client of the meeting's live room on `app` (or on a proxy's URL). */
export function connectLive(app: Pick<AppProcess, 'url'>, cookie: string, meeting: TestMeeting) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${app.url.replace('http', 'ws')}/yjs`,
		`${meeting.slug}:meeting-${meeting.meetingId}:live`,
		doc,
		{ WebSocketPolyfill: webSocketWithCookie(cookie) as never, disableBc: true }
	);
	return { doc, provider };
}

/** The state a live room's client holds. */
export function stateIn(doc: Y.Doc): MeetingState | undefined {
	return doc.getMap('room').get('state') as MeetingState | undefined;
}

/** The member ids present in a live room's state. */
export function presentIn(doc: Y.Doc): string[] {
	return (stateIn(doc)?.present ?? []).map((entry) => entry.memberId);
}
