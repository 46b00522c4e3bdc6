/**
 * Cancelling a convened meeting: the convener asks for it with a reason, at least 24 hours before
 * its start; each seat approves in the app, through its titular or substitute; only when every seat
 * approved, and still in time, is it cancelled and everyone told by mail (an .ics CANCEL with the
 * same UID). Otherwise it is refused with the reason (too late, or the seats still missing).
 *
 * Once committed, the room's new state (status `cancelled`) is published, so screens already open
 * say so without a reload.
 *
 * Articles: Z art. 7.4, I III.5, T III.5 — `checkMeetingCancellation` (rules/cancellation.ts).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { cancellationApprovals, convocations, memberNotices, members } from '../db/schema';
import { checkMeetingCancellation, computeCancellationDeadline } from '../../rules/cancellation';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { readConvocation, type Issuer, type MailContext } from './convocations';
import { mailConvocation } from './convocation-mail';
import { findMeeting } from './meetings';
import { seatRefs } from './attendance';
import { lockMeeting } from './meeting-lock';
import { appendMeetingEvent } from './event-log';
import { passOnUndecidedRemovals } from './removals';
import { readRoomStates, type RoomStates } from './room-state';
import { reserveMeetingPublish, type PublishSlot } from '../broadcast';

export type CancellationResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'meeting-unknown'
				| 'not-issued'
				| 'meeting-cancelled'
				| 'meeting-started'
				| 'not-requested'
				| 'already-requested'
				| 'not-seat-holder';
	  }
	| { ok: false; reason: 'cancellation-too-late'; deadline: Date }
	| { ok: false; reason: 'cancellation-not-approved'; missingSeatKeys: string[] };

async function load(db: Database, body: LoadedSecretariat, meetingId: string) {
	const meeting = await findMeeting(db, body.secretariat.id, meetingId);
	if (!meeting) return null;
	return { meeting, convocation: await readConvocation(db, meetingId) };
}

/** The convener asks for the cancellation of an issued meeting, in time; the seats are told in the app. */
export async function requestCancellation(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	input: { by: string; reason: string },
	now = new Date()
): Promise<CancellationResult> {
	const loaded = await load(db, body, meetingId);
	if (!loaded) return { ok: false, reason: 'meeting-unknown' };
	const { meeting, convocation } = loaded;
	if (convocation.status === 'cancelled') return { ok: false, reason: 'meeting-cancelled' };
	if (convocation.status !== 'issued') return { ok: false, reason: 'not-issued' };
	if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' };
	if (convocation.cancellationRequestedAt) return { ok: false, reason: 'already-requested' };
	const deadline = computeCancellationDeadline(body.rules, meeting.scheduledAt);
	if (now > deadline) return { ok: false, reason: 'cancellation-too-late', deadline };
	await db
		.update(convocations)
		.set({
			cancellationRequestedAt: now,
			cancellationRequestedBy: input.by,
			cancellationReason: input.reason
		})
		.where(eq(convocations.meetingId, meetingId));
	const toNotify = (
		await db
			.select({ id: members.id, seatId: members.seatId })
			.from(members)
			.where(and(eq(members.secretariatId, body.secretariat.id), isNull(members.endedAt)))
	).filter((h) => h.seatId !== null);
	if (toNotify.length)
		await db.insert(memberNotices).values(
			toNotify.map((h) => ({
				memberId: h.id,
				meetingId,
				kind: 'cancellation-requested' as const
			}))
		);
	return { ok: true };
}

/** A titular or substitute approves the requested cancellation for their seat (once per seat). */
export async function approveCancellation(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
): Promise<CancellationResult> {
	const loaded = await load(db, body, meetingId);
	if (!loaded) return { ok: false, reason: 'meeting-unknown' };
	if (loaded.convocation.status === 'cancelled') return { ok: false, reason: 'meeting-cancelled' };
	if (!loaded.convocation.cancellationRequestedAt) return { ok: false, reason: 'not-requested' };
	const [member] = await db
		.select()
		.from(members)
		.where(
			and(
				eq(members.id, memberId),
				eq(members.secretariatId, body.secretariat.id),
				isNull(members.endedAt)
			)
		);
	if (!member || !member.seatId || (member.role !== 'titular' && member.role !== 'substitute'))
		return { ok: false, reason: 'not-seat-holder' };
	await db
		.insert(cancellationApprovals)
		.values({ meetingId, seatId: member.seatId, memberId })
		.onConflictDoNothing();
	return { ok: true };
}

/** The seats (by key) that approved the cancellation so far. */
export async function listApprovingSeatKeys(
	db: Queryable,
	body: LoadedSecretariat,
	meetingId: string
): Promise<string[]> {
	const keyOf = new Map(body.seats.map((seat) => [seat.id, seat.key]));
	const rows = await db
		.select({ seatId: cancellationApprovals.seatId })
		.from(cancellationApprovals)
		.where(eq(cancellationApprovals.meetingId, meetingId));
	return rows.map((row) => keyOf.get(row.seatId)).filter((key): key is string => Boolean(key));
}

/**
 * Cancels the meeting when the rules allow it at `now` — every seat approved and the 24 hours kept —
 * and mails everyone; otherwise refuses with the rules' reason and changes nothing.
 */
export async function cancelMeeting(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	issuer: Issuer,
	context: MailContext,
	now = new Date()
): Promise<CancellationResult> {
	const publish: { slot: PublishSlot | null; states: RoomStates | null } = {
		slot: null,
		states: null
	};
	let committed = false;
	const outcome = await db
		.transaction(async (tx) => {
			const meeting = await lockMeeting(tx, body.secretariat.id, meetingId);
			if (!meeting) return { ok: false, reason: 'meeting-unknown' } as const;
			const convocation = await readConvocation(tx, meetingId);
			if (convocation.status === 'cancelled')
				return { ok: false, reason: 'meeting-cancelled' } as const;
			if (!convocation.cancellationRequestedAt)
				return { ok: false, reason: 'not-requested' } as const;
			if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' } as const;
			const approving = await listApprovingSeatKeys(tx, body, meetingId);
			const check = checkMeetingCancellation(body.rules, seatRefs(body.rules), {
				meetingStart: meeting.scheduledAt,
				// The communication is the mail that goes out now, once every seat approved.
				communicatedAt: now,
				approvingSeatIds: approving
			});
			if (!check.ok) {
				if (check.reason === 'cancellation-too-late')
					return { ok: false, reason: check.reason, deadline: check.deadline } as const;
				return { ok: false, reason: check.reason, missingSeatKeys: check.missingSeatIds } as const;
			}
			await tx
				.update(convocations)
				.set({ status: 'cancelled', cancelledAt: now, sequence: convocation.sequence + 1 })
				.where(eq(convocations.meetingId, meetingId));
			await passOnUndecidedRemovals(tx, body, meetingId);
			await appendMeetingEvent(tx, body, meetingId, 'meeting-cancelled', {
				approvingSeats: approving
			});
			// The place in the publish queue is taken under the lock, as every room change does.
			publish.slot = reserveMeetingPublish(body.secretariat.slug, meetingId);
			publish.states = await readRoomStates(tx, body, meetingId);
			return { ok: true } as const;
		})
		.then((result) => {
			committed = true;
			return result;
		})
		.finally(() => {
			// Only what committed reaches a screen; a place given up lets the next publish through.
			if (committed && publish.states) publish.slot?.send(publish.states);
			else publish.slot?.cancel();
		});
	if (!outcome.ok) return outcome;
	await mailConvocation(db, body, meetingId, 'cancellation', issuer, context);
	return { ok: true };
}
