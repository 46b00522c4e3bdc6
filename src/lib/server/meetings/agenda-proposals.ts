/**
 * The members' proposals for a meeting's agenda: a titular, substitute or the facilitator proposes;
 * the facilitator integrates it — as a topic before the closing item (distribution of the material,
 * Z art. 8 VI) — or declines it, while the meeting has not started (Z art. 9, I VI, T VI: the
 * facilitator receives and integrates the members' proposals before each convocatoria).
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { agendaItems, agendaProposals, members } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import type { ConvocationResult } from './convocations';
import { lockMeeting } from './meeting-lock';
import { findMeeting } from './meetings';

/** A member's proposal for the agenda of a meeting not yet under way. */
export async function proposeAgendaItem(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string,
	text: string
): Promise<ConvocationResult> {
	const meeting = await findMeeting(db, body.secretariat.id, meetingId);
	if (!meeting) return { ok: false, reason: 'meeting-unknown' };
	if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' };
	await db.insert(agendaProposals).values({ meetingId, memberId, text });
	return { ok: true };
}

/** The facilitator integrates a proposal into the agenda before the closing item, or declines it. */
export function decideAgendaProposal(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	proposalId: string,
	decision: 'integrate' | 'decline'
): Promise<ConvocationResult> {
	return db.transaction(async (tx) => {
		const meeting = await lockMeeting(tx, body.secretariat.id, meetingId);
		if (!meeting) return { ok: false, reason: 'meeting-unknown' };
		if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' };
		const [proposal] = await tx
			.select()
			.from(agendaProposals)
			.where(
				and(
					eq(agendaProposals.id, proposalId),
					eq(agendaProposals.meetingId, meetingId),
					eq(agendaProposals.status, 'pending')
				)
			);
		if (!proposal) return { ok: false, reason: 'proposal-unknown' };
		if (decision === 'integrate') {
			const items = await tx
				.select()
				.from(agendaItems)
				.where(eq(agendaItems.meetingId, meetingId))
				.orderBy(asc(agendaItems.position));
			const last = items.at(-1);
			let position = ((await maxPosition(tx, meetingId)) ?? -1) + 1;
			if (last && last.kind === 'materials-distribution') {
				position = last.position;
				// The closing item is the last one, so the next position is free for it.
				await tx
					.update(agendaItems)
					.set({ position: position + 1 })
					.where(eq(agendaItems.id, last.id));
			}
			await tx
				.insert(agendaItems)
				.values({ meetingId, position, kind: 'topics-and-conclusions', title: proposal.text });
		}
		await tx
			.update(agendaProposals)
			.set({ status: decision === 'integrate' ? 'integrated' : 'declined', decidedAt: new Date() })
			.where(eq(agendaProposals.id, proposal.id));
		return { ok: true };
	});
}

async function maxPosition(tx: Queryable, meetingId: string) {
	const [row] = await tx
		.select({ position: max(agendaItems.position) })
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId));
	return row?.position ?? null;
}

/** A meeting's agenda proposals with who made them, oldest first. */
export function listAgendaProposals(db: Queryable, meetingId: string) {
	return db
		.select({
			id: agendaProposals.id,
			text: agendaProposals.text,
			status: agendaProposals.status,
			memberName: members.name,
			createdAt: agendaProposals.createdAt
		})
		.from(agendaProposals)
		.innerJoin(members, eq(members.id, agendaProposals.memberId))
		.where(eq(agendaProposals.meetingId, meetingId))
		.orderBy(asc(agendaProposals.createdAt));
}
