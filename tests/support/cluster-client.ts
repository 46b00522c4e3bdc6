/**
 * What the cluster tests (tests/server/cluster*.spec.ts) do through the real forms and sockets:
 * a body and a meeting, the facilitator's check-in, a live room's client.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createBodyWithFacilitator, createMinutesRoom, type AppProcess } from './app-process';
import { webSocketWithCookie } from './yjs-client';
import type { MeetingState } from '../../src/lib/live/meeting-state';

export { connectMinutes } from './yjs-client';

export interface TestMeeting {
	slug: string;
	meetingId: string;
}

/** A body with the signed-in admin as its facilitator, and a meeting of it. */
export async function createMeeting(app: AppProcess, cookie: string): Promise<TestMeeting> {
	const slug = await createBodyWithFacilitator(app, cookie);
	const room = await createMinutesRoom(app, cookie, slug);
	return { slug, meetingId: room.split(':minutes-')[1]! };
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
