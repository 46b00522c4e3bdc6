/**
 * Assembles a meeting's minutes from the live record at the moment of freezing a version: the
 * meeting row (place, date, start and end), every stretch of attendance (with role and whether
 * remote: each arrival and departure), the quorum log with the suspensions and resumptions of the
 * motion under way (Z art. 7.1), the agenda with each section's text from the co-edited document, the
 * closed motions with how each was decided and its counts, and the signers the body's rules name
 * (Z art. 7.5, I III.6, T III.6; see rules/minutes-signers.ts), and the head of the session's
 * sealed record (meetings/event-log.ts). Labels are in Spanish: the minutes are the body's legal
 * document, whatever the language of the person who closes the meeting.
 */
import { asc, eq } from 'drizzle-orm';
import { messageOr } from '../../i18n/messages';
import type { Queryable } from '../db';
import {
	agendaItems,
	agreements,
	attendance,
	members,
	motions,
	quorumLog,
	type Meeting
} from '../db/schema';
import { listMinutesSigners } from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { minutesRoomName } from '../broadcast';
import { loadStoredDocument, readSectionParagraphs } from './minutes-text';
import type { MinutesContent, MinutesPerson } from './minutes-content';
import { readMeetingEventHead } from '../meetings/event-log';

const label = (key: string, fallback: string) => messageOr(key, fallback, {}, 'es-MX');

/** An agenda item's title as the document prints it: its own title or its kind's name. */
export const agendaTitle = (item: { kind: string; title: string }) =>
	item.title || label(`agenda_item_${item.kind.replace(/-/g, '_')}`, item.kind);

/** Builds the content of version `version` of a meeting's minutes from what the database holds. */
export async function assembleMinutesContent(
	tx: Queryable,
	secretariat: LoadedSecretariat,
	meeting: Meeting,
	version: number
): Promise<MinutesContent> {
	const people = await tx
		.select()
		.from(members)
		.where(eq(members.secretariatId, secretariat.secretariat.id))
		.orderBy(asc(members.createdAt));
	const seatById = new Map(secretariat.seats.map((seat) => [seat.id, seat]));
	const person = (memberId: string): MinutesPerson => {
		const p = people.find((row) => row.id === memberId)!;
		const seat = p.seatId ? seatById.get(p.seatId) : undefined;
		const sector = seat ? label(`sector_${seat.sector.replace(/-/g, '_')}`, seat.sector) : '';
		return {
			memberId: p.id,
			name: p.name,
			role: p.role,
			roleLabel: label(`role_${p.role.replace(/-/g, '_')}`, p.role),
			position: p.position,
			seat: seat ? [sector, seat.organisation].filter(Boolean).join(' — ') : ''
		};
	};
	const rows = await tx
		.select()
		.from(attendance)
		.where(eq(attendance.meetingId, meeting.id))
		.orderBy(asc(attendance.checkedInAt), asc(attendance.id));
	const log = await tx
		.select()
		.from(quorumLog)
		.where(eq(quorumLog.meetingId, meeting.id))
		.orderBy(asc(quorumLog.at));
	const items = await tx
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meeting.id))
		.orderBy(asc(agendaItems.position));
	const doc = await loadStoredDocument(
		tx,
		minutesRoomName(secretariat.secretariat.slug, meeting.id)
	);
	const closed = await tx
		.select({ motion: motions, year: agreements.year, number: agreements.number })
		.from(motions)
		.leftJoin(agreements, eq(agreements.motionId, motions.id))
		.where(eq(motions.meetingId, meeting.id))
		.orderBy(asc(motions.openedAt));
	const keyOf = new Map(secretariat.seats.map((seat) => [seat.id, seat.key]));
	// Someone whose designation the body ended no longer signs: the minutes keep their attendance.
	const signerIds = listMinutesSigners(
		secretariat.rules,
		people
			.filter((p) => !p.endedAt)
			.map((p) => ({
				memberId: p.id,
				role: p.role,
				seatId: p.seatId ? (keyOf.get(p.seatId) ?? null) : null
			})),
		new Set(rows.map((row) => row.memberId))
	);
	const content: MinutesContent = {
		version,
		secretariat: { name: secretariat.secretariat.name, slug: secretariat.secretariat.slug },
		meeting: {
			id: meeting.id,
			kind: meeting.kind,
			title: meeting.title,
			place: meeting.place,
			scheduledAt: meeting.scheduledAt.toISOString(),
			startedAt: meeting.startedAt?.toISOString() ?? null,
			endedAt: meeting.endedAt?.toISOString() ?? null,
			timeZone: secretariat.rules.timeZone
		},
		attendance: rows.map((row) => ({
			...person(row.memberId),
			remote: row.remote,
			checkedInAt: row.checkedInAt.toISOString(),
			checkedOutAt: row.checkedOutAt?.toISOString() ?? null
		})),
		quorumLog: log.map((entry) => ({
			met: entry.met,
			seatsPresent: entry.seatsPresent,
			seatsNeeded: entry.seatsNeeded,
			at: entry.at.toISOString(),
			...(entry.motionEvent && {
				motionEvent: entry.motionEvent,
				motion: closed.find(({ motion }) => motion.id === entry.motionId)?.motion.text ?? ''
			})
		})),
		agenda: items.map((item) => ({
			position: item.position,
			title: agendaTitle(item),
			paragraphs: readSectionParagraphs(doc, item.position)
		})),
		decisions: closed
			.filter(({ motion }) => motion.status === 'closed' && motion.outcome)
			.map(({ motion, year, number }) => ({
				agendaPosition: motion.agendaPosition,
				text: motion.text,
				agreement: year !== null && number !== null ? `${year}-${number}` : null,
				carried: motion.outcome!.carried,
				reason: motion.outcome!.reason,
				votesFor: motion.outcome!.votesFor,
				votesAgainst: motion.outcome!.votesAgainst,
				abstentions: motion.outcome!.abstentions
			})),
		signers: signerIds.map(person),
		// The head of the session's sealed record: the minutes' hash, and every signature, cover it.
		eventLog: await readMeetingEventHead(tx, meeting.id)
	};
	doc.destroy();
	return content;
}
