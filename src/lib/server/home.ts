/**
 * What the home page shows a signed-in person: the bodies they belong to (all of them for an
 * instance admin), any meeting under way in them — one tap to its room — and the next meetings
 * with their dates, each in its body's time zone. A cancelled meeting keeps its row 'scheduled'
 * (cancellation.ts) and is left out; a meeting whose hour has passed without being opened stays
 * listed for a day, since the facilitator may still open it late.
 */
import { and, asc, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Database } from './db';
import { convocations, meetings, members } from './db/schema';
import type { SessionUser } from './auth/session';
import { listSecretariatsForUser } from './secretariats/secretariats';
import type { MemberRole } from '../permissions/matrix';

/** How long a scheduled meeting that was not opened on time still shows as coming. */
const LATE_OPENING_MS = 24 * 60 * 60 * 1000;
/** The next meetings shown, across all the person's bodies. */
const NEXT_MEETINGS_SHOWN = 6;

export interface HomeBody {
	slug: string;
	name: string;
	roles: MemberRole[];
}

export interface HomeMeeting {
	id: string;
	title: string;
	kind: 'ordinary' | 'extraordinary';
	scheduledAt: Date;
	startedAt: Date | null;
	place: string;
	convocation: 'draft' | 'issued';
	body: { slug: string; name: string; timeZone: string };
}

export interface Home {
	bodies: HomeBody[];
	underWay: HomeMeeting[];
	next: HomeMeeting[];
}

/** The home page's content for one person at `now`; the root route's load calls it. */
export async function readHome(db: Database, user: SessionUser, now = new Date()): Promise<Home> {
	const bodies = await listSecretariatsForUser(db, user);
	if (bodies.length === 0) return { bodies: [], underWay: [], next: [] };
	const ids = bodies.map((body) => body.id);
	const [roleRows, meetingRows] = await Promise.all([
		db
			.select({ secretariatId: members.secretariatId, role: members.role })
			.from(members)
			.where(
				and(
					eq(members.userId, user.id),
					isNull(members.endedAt),
					inArray(members.secretariatId, ids)
				)
			),
		db
			.select({
				id: meetings.id,
				secretariatId: meetings.secretariatId,
				title: meetings.title,
				kind: meetings.kind,
				status: meetings.status,
				scheduledAt: meetings.scheduledAt,
				startedAt: meetings.startedAt,
				place: meetings.place,
				convocation: convocations.status
			})
			.from(meetings)
			.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
			.where(
				and(
					inArray(meetings.secretariatId, ids),
					or(
						eq(meetings.status, 'open'),
						and(
							eq(meetings.status, 'scheduled'),
							gte(meetings.scheduledAt, new Date(now.getTime() - LATE_OPENING_MS))
						)
					),
					or(isNull(convocations.status), ne(convocations.status, 'cancelled'))
				)
			)
			.orderBy(asc(meetings.scheduledAt))
	]);
	const byId = new Map(bodies.map((body) => [body.id, body]));
	const toHomeMeeting = (row: (typeof meetingRows)[number]): HomeMeeting => {
		const body = byId.get(row.secretariatId)!;
		return {
			id: row.id,
			title: row.title,
			kind: row.kind,
			scheduledAt: row.scheduledAt,
			startedAt: row.startedAt,
			place: row.place,
			convocation: row.convocation === 'issued' ? 'issued' : 'draft',
			body: { slug: body.slug, name: body.name, timeZone: body.rules.timeZone }
		};
	};
	return {
		bodies: bodies.map((body) => ({
			slug: body.slug,
			name: body.name,
			roles: roleRows.filter((row) => row.secretariatId === body.id).map((row) => row.role)
		})),
		underWay: meetingRows.filter((row) => row.status === 'open').map(toHomeMeeting),
		next: meetingRows
			.filter((row) => row.status === 'scheduled')
			.slice(0, NEXT_MEETINGS_SHOWN)
			.map(toHomeMeeting)
	};
}
