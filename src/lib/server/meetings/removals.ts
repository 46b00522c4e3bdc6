/**
 * Removing a member (Z art. 5, I I.3, T I.3): seat holders propose that a titular's or substitute's
 * designation be left without effect, giving the reason; once enough other seats support it
 * (rules/removal.ts `checkRemovalProposal`) it goes onto the agenda of the next meeting not yet
 * held; there the facilitator puts it to a vote of all the body's seats, decided by a majority of
 * ALL seats (`decideRemovalMotion`), and the outcome with its counts enters the minutes and the
 * agreements register. When carried, the member leaves the seat (their membership ends, the
 * record of what they took part in stays) and the body's admins are told to fill it.
 *
 * Proposals and supports change under the body's row lock, so two supports arriving together count
 * once each and schedule the proposal once; the vote is a room change like any other.
 */
import { and, asc, desc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	agendaItems,
	attendance,
	convocations,
	meetings,
	memberNotices,
	members,
	motions,
	removalProposals,
	removalSupports,
	secretariats,
	users,
	type RemovalProposal
} from '../db/schema';
import { checkRemovalProposal, decideRemovalMotion, type Ballot } from '../../rules';
import { withLockedSecretariat, type LoadedSecretariat } from '../secretariats/secretariats';
import { sendMail } from '../mail/mailer';
import { log } from '../log';
import { m } from '../../paraglide/messages';
import { changeMeetingRoom, type Room, type RoomChangeResult } from './room-change';
import { seatRefs } from './attendance';
import { appendMeetingEvent, appendMeetingEvents, motionProposedEvents } from './event-log';

export type RemovalRefusal =
	| 'member-unknown'
	| 'not-seat-holder'
	| 'own-seat'
	| 'already-proposed'
	| 'proposal-unknown'
	| 'proposal-closed'
	| 'already-supported';

export type RemovalChange =
	{ ok: true; proposalId: string } | { ok: false; reason: RemovalRefusal };

/** How long after its scheduled start a meeting not yet opened still counts as the next one. */
const NEXT_MEETING_GRACE_MS = 6 * 60 * 60 * 1000;

const seatKey = (body: LoadedSecretariat, seatId: string | null) =>
	body.seats.find((seat) => seat.id === seatId)?.key ?? null;

/** A current seat holder of this body (titular or substitute), or null. */
async function findSeatHolder(tx: Queryable, body: LoadedSecretariat, memberId: string) {
	const [member] = await tx
		.select()
		.from(members)
		.where(
			and(
				eq(members.id, memberId),
				eq(members.secretariatId, body.secretariat.id),
				isNull(members.endedAt),
				inArray(members.role, ['titular', 'substitute'])
			)
		);
	return member?.seatId ? member : null;
}

/**
 * Puts the proposals that have their supports onto the agenda of the next meeting not yet held
 * (not cancelled), as an item of kind 'removal'; those with no such meeting wait for the next one
 * created. Called under the body's lock: when a proposal completes, and when a meeting is created.
 */
export async function attachScheduledRemovals(
	tx: Queryable,
	body: LoadedSecretariat,
	now = new Date()
): Promise<void> {
	// The body's lock (taken again harmlessly when held): two attachments never both place one proposal.
	await tx
		.select({ id: secretariats.id })
		.from(secretariats)
		.where(eq(secretariats.id, body.secretariat.id))
		.for('update');
	const waiting = await tx
		.select({ proposal: removalProposals, name: members.name })
		.from(removalProposals)
		.innerJoin(members, eq(members.id, removalProposals.memberId))
		.where(
			and(
				eq(removalProposals.secretariatId, body.secretariat.id),
				eq(removalProposals.status, 'scheduled'),
				isNull(removalProposals.meetingId)
			)
		)
		.orderBy(asc(removalProposals.createdAt));
	if (waiting.length === 0) return;
	// A cancelled meeting is no next meeting; its convocatoria says so.
	const candidates = await tx
		.select({ id: meetings.id, status: convocations.status })
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.where(
			and(
				eq(meetings.secretariatId, body.secretariat.id),
				eq(meetings.status, 'scheduled'),
				gte(meetings.scheduledAt, new Date(now.getTime() - NEXT_MEETING_GRACE_MS))
			)
		)
		.orderBy(asc(meetings.scheduledAt));
	const meeting = candidates.find((row) => row.status !== 'cancelled') ?? null;
	if (!meeting) return;
	const [last] = await tx
		.select({ position: agendaItems.position })
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meeting.id))
		.orderBy(desc(agendaItems.position))
		.limit(1);
	let position = (last?.position ?? -1) + 1;
	for (const { proposal, name } of waiting) {
		await tx.insert(agendaItems).values({
			meetingId: meeting.id,
			position: position++,
			kind: 'removal',
			// The agenda is the body's document, in Spanish whoever's request completed the proposal.
			title: m.removal_agenda_title({ name }, { locale: 'es-MX' })
		});
		await tx
			.update(removalProposals)
			.set({ meetingId: meeting.id })
			.where(eq(removalProposals.id, proposal.id));
	}
}

/** Counts the proposal's supporting seats; with enough, schedules it onto the next meeting. */
async function scheduleIfSupported(
	tx: Queryable,
	body: LoadedSecretariat,
	proposal: RemovalProposal
) {
	const supports = await tx
		.select({ seatId: removalSupports.seatId })
		.from(removalSupports)
		.where(eq(removalSupports.proposalId, proposal.id));
	const check = checkRemovalProposal(body.rules, seatRefs(body.rules), {
		targetSeatId: seatKey(body, proposal.seatId) ?? '',
		proposerSeatIds: supports.map((row) => seatKey(body, row.seatId) ?? '')
	});
	if (!check.ok || proposal.status !== 'gathering') return;
	await tx
		.update(removalProposals)
		.set({ status: 'scheduled' })
		.where(eq(removalProposals.id, proposal.id));
	await attachScheduledRemovals(tx, body);
}

/**
 * A seat holder proposes that another seat's titular or substitute be removed, with the reason;
 * their own seat is the first support. A member already under an open proposal is supported
 * there instead ('already-proposed').
 */
export function proposeRemoval(
	db: Database,
	body: LoadedSecretariat,
	input: { memberId: string; proposerId: string; reason: string; userId: string }
): Promise<RemovalChange> {
	return withLockedSecretariat(db, body.secretariat.id, async (tx) => {
		const [target, proposer] = await Promise.all([
			findSeatHolder(tx, body, input.memberId),
			findSeatHolder(tx, body, input.proposerId)
		]);
		if (!target) return { ok: false, reason: 'member-unknown' };
		if (!proposer) return { ok: false, reason: 'not-seat-holder' };
		// A member does not count toward their own seat's removal (RULES.md reading in removal.ts).
		if (proposer.seatId === target.seatId) return { ok: false, reason: 'own-seat' };
		const [open] = await tx
			.select({ id: removalProposals.id })
			.from(removalProposals)
			.where(
				and(
					eq(removalProposals.memberId, target.id),
					inArray(removalProposals.status, ['gathering', 'scheduled'])
				)
			);
		if (open) return { ok: false, reason: 'already-proposed' };
		const [proposal] = await tx
			.insert(removalProposals)
			.values({
				secretariatId: body.secretariat.id,
				memberId: target.id,
				seatId: target.seatId!,
				reason: input.reason,
				proposedBy: input.userId
			})
			.returning();
		await tx
			.insert(removalSupports)
			.values({ proposalId: proposal!.id, seatId: proposer.seatId!, memberId: proposer.id });
		await scheduleIfSupported(tx, body, proposal!);
		return { ok: true, proposalId: proposal!.id };
	});
}

/** Another seat supports a proposal still gathering supports, through one of its holders. */
export function supportRemoval(
	db: Database,
	body: LoadedSecretariat,
	input: { proposalId: string; memberId: string }
): Promise<RemovalChange> {
	return withLockedSecretariat(db, body.secretariat.id, async (tx) => {
		const [proposal] = await tx
			.select()
			.from(removalProposals)
			.where(
				and(
					eq(removalProposals.id, input.proposalId),
					eq(removalProposals.secretariatId, body.secretariat.id)
				)
			);
		if (!proposal) return { ok: false, reason: 'proposal-unknown' };
		if (proposal.status !== 'gathering') return { ok: false, reason: 'proposal-closed' };
		const supporter = await findSeatHolder(tx, body, input.memberId);
		if (!supporter) return { ok: false, reason: 'not-seat-holder' };
		if (supporter.seatId === proposal.seatId) return { ok: false, reason: 'own-seat' };
		const added = await tx
			.insert(removalSupports)
			.values({ proposalId: proposal.id, seatId: supporter.seatId!, memberId: supporter.id })
			.onConflictDoNothing()
			.returning();
		if (added.length === 0) return { ok: false, reason: 'already-supported' };
		await scheduleIfSupported(tx, body, proposal);
		return { ok: true, proposalId: proposal.id };
	});
}

/** The body's removal proposals, newest first, with the member concerned and the supporting seats. */
export async function listRemovalProposals(db: Queryable, body: LoadedSecretariat) {
	const rows = await db
		.select({
			proposal: removalProposals,
			memberName: members.name,
			memberRole: members.role,
			meetingTitle: meetings.title,
			meetingAt: meetings.scheduledAt
		})
		.from(removalProposals)
		.innerJoin(members, eq(members.id, removalProposals.memberId))
		.leftJoin(meetings, eq(meetings.id, removalProposals.meetingId))
		.where(eq(removalProposals.secretariatId, body.secretariat.id))
		.orderBy(desc(removalProposals.createdAt));
	const supports =
		rows.length === 0
			? []
			: await db
					.select({
						proposalId: removalSupports.proposalId,
						seatId: removalSupports.seatId,
						name: members.name
					})
					.from(removalSupports)
					.innerJoin(members, eq(members.id, removalSupports.memberId))
					.where(
						inArray(
							removalSupports.proposalId,
							rows.map((row) => row.proposal.id)
						)
					)
					.orderBy(asc(removalSupports.at));
	return rows.map((row) => ({
		...row.proposal,
		memberName: row.memberName,
		memberRole: row.memberRole,
		seatKey: seatKey(body, row.proposal.seatId),
		meeting: row.proposal.meetingId
			? { id: row.proposal.meetingId, title: row.meetingTitle!, scheduledAt: row.meetingAt! }
			: null,
		supports: supports
			.filter((support) => support.proposalId === row.proposal.id)
			.map((support) => ({ seatId: support.seatId, name: support.name })),
		supportsNeeded: body.rules.removal.minProposers
	}));
}

/** The removal proposals on this meeting's agenda not yet decided: what the facilitator may put to a vote. */
export function listMeetingRemovals(db: Queryable, meetingId: string) {
	return db
		.select({ id: removalProposals.id, memberName: members.name, reason: removalProposals.reason })
		.from(removalProposals)
		.innerJoin(members, eq(members.id, removalProposals.memberId))
		.where(and(eq(removalProposals.meetingId, meetingId), eq(removalProposals.status, 'scheduled')))
		.orderBy(asc(removalProposals.createdAt));
}

export type RemovalVoteRefusal = 'proposal-unknown';

/**
 * The facilitator puts a removal on this meeting's agenda to the vote: there is no consensus round,
 * the documents say it is voted by all the members (rules/removal.ts). A room change: quorum, an
 * open meeting and no other motion under way are checked under the lock.
 */
export function putRemovalToVote(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	proposalId: string
): Promise<RoomChangeResult<RemovalVoteRefusal>> {
	return changeMeetingRoom<RemovalVoteRefusal>(db, body, meetingId, 'propose', async (room) => {
		const [proposal] = await room.tx
			.select({ proposal: removalProposals, name: members.name })
			.from(removalProposals)
			.innerJoin(members, eq(members.id, removalProposals.memberId))
			.where(
				and(
					eq(removalProposals.id, proposalId),
					eq(removalProposals.meetingId, meetingId),
					eq(removalProposals.status, 'scheduled')
				)
			);
		if (!proposal) return { ok: false, reason: 'proposal-unknown' };
		const text = m.removal_motion_text(
			{ name: proposal.name, reason: proposal.proposal.reason },
			{ locale: 'es-MX' }
		);
		const [motion] = await room.tx
			.insert(motions)
			.values({
				meetingId,
				agendaPosition: room.meeting.currentItem,
				openedAt: new Date(),
				text,
				status: 'voting',
				removalProposalId: proposalId
			})
			.returning({ id: motions.id });
		const [proposed, opened] = motionProposedEvents(
			motion!.id,
			room.meeting.currentItem,
			text,
			'voting'
		);
		await appendMeetingEvents(room.tx, body, meetingId, [
			{ ...proposed!, payload: { ...proposed!.payload, removalProposal: proposalId } },
			opened!
		]);
		return { ok: true };
	});
}

/** What a carried removal left empty, for the admins' mail once the change committed. */
export interface VacatedSeat {
	/** The removed person's account, whose open connections are re-checked once it committed. */
	userId: string | null;
	memberName: string;
	role: string;
	seatKey: string | null;
}

/**
 * Decides a removal motion being closed, inside its room change: a majority of all the body's seats
 * (`decideRemovalMotion`); the proposal is decided; when carried, the member's designation ends —
 * their seat is free, their stretch of attendance ends, the admins get a notice — and the motion's
 * outcome carries the counts. The caller records the outcome on the motion and the register.
 */
export async function decideRemoval(room: Room, ballots: Ballot[], at: Date) {
	const { tx, body } = room;
	const motion = room.motion!;
	const outcome = decideRemovalMotion(body.rules, room.seats, ballots);
	const [proposal] = await tx
		.update(removalProposals)
		.set({ status: outcome.carried ? 'carried' : 'not-carried', decidedAt: at })
		.where(eq(removalProposals.id, motion.removalProposalId!))
		.returning();
	let vacated: VacatedSeat | null = null;
	let left: { remote: boolean }[] = [];
	if (outcome.carried && proposal) {
		const [ended] = await tx
			.update(members)
			.set({ endedAt: at, seatId: null })
			.where(eq(members.id, proposal.memberId))
			.returning();
		left = await tx
			.update(attendance)
			.set({ checkedOutAt: at })
			.where(
				and(
					eq(attendance.memberId, proposal.memberId),
					eq(attendance.meetingId, room.meeting.id),
					isNull(attendance.checkedOutAt)
				)
			)
			.returning({ remote: attendance.remote });
		room.attendanceChanged();
		vacated = {
			userId: ended!.userId,
			memberName: ended!.name,
			role: ended!.role,
			seatKey: seatKey(body, proposal.seatId)
		};
		const admins = await tx
			.select({ id: members.id })
			.from(members)
			.where(
				and(
					eq(members.secretariatId, body.secretariat.id),
					eq(members.role, 'secretariat-admin'),
					isNull(members.endedAt)
				)
			);
		if (admins.length > 0)
			await tx.insert(memberNotices).values(
				admins.map((admin) => ({
					memberId: admin.id,
					meetingId: room.meeting.id,
					kind: 'seat-vacated' as const,
					detail: vacated!.memberName
				}))
			);
	}
	// The removal's effects, sealed with the motion's close that follows: the designation ended,
	// the seat left free and, if the person was in the room, their stretch of attendance closed.
	await appendMeetingEvent(tx, body, room.meeting.id, 'removal-decided', {
		motion: motion.id,
		proposal: motion.removalProposalId!,
		member: proposal?.memberId ?? null,
		seat: proposal ? seatKey(body, proposal.seatId) : null,
		carried: outcome.carried,
		checkedOut: left.length > 0
	});
	return {
		outcome: {
			carried: outcome.carried,
			reason: outcome.reason,
			votesFor: outcome.tally.votesFor,
			votesAgainst: outcome.tally.votesAgainst,
			abstentions: outcome.tally.abstentions
		},
		vacated
	};
}

/**
 * Tells by mail whoever may fill the seat — the body's admins and the instance's — that a seat's
 * place is empty and who left it. Called after the removal committed; a mail that cannot be sent
 * stays in the outbox (/admin/outbox) and is logged.
 */
export async function mailSeatVacancy(
	db: Database,
	body: LoadedSecretariat,
	vacated: VacatedSeat
): Promise<void> {
	const [bodyAdmins, instanceAdmins] = await Promise.all([
		db
			.select({ email: members.email })
			.from(members)
			.where(
				and(
					eq(members.secretariatId, body.secretariat.id),
					eq(members.role, 'secretariat-admin'),
					isNull(members.endedAt),
					ne(members.email, '')
				)
			),
		db.select({ email: users.email }).from(users).where(eq(users.isInstanceAdmin, true))
	]);
	const recipients = new Set([...bodyAdmins, ...instanceAdmins].map((row) => row.email));
	for (const to of recipients)
		await sendMail(db, {
			to,
			subject: m.removal_mail_subject({ body: body.secretariat.name }, { locale: 'es-MX' }),
			text: m.removal_mail_text(
				{ name: vacated.memberName, body: body.secretariat.name },
				{ locale: 'es-MX' }
			)
		}).catch((err: unknown) => log.error({ err }, 'could not mail the seat vacancy'));
}

/**
 * A meeting closed or cancelled without deciding a removal on its agenda passes it on to the next
 * meeting. Called inside the close's or the cancellation's transaction.
 */
export async function passOnUndecidedRemovals(
	tx: Queryable,
	body: LoadedSecretariat,
	meetingId: string
): Promise<void> {
	const moved = await tx
		.update(removalProposals)
		.set({ meetingId: null })
		.where(and(eq(removalProposals.meetingId, meetingId), eq(removalProposals.status, 'scheduled')))
		.returning({ id: removalProposals.id });
	if (moved.length > 0) await attachScheduledRemovals(tx, body);
}
