/**
 * What the public website shows of a body (RULES.md "The public website's sections", a–g; Z art.
 * 7.9, I III.12, T III.12), read for anyone without an account. Only what is published leaves
 * here: members who consented (`members.public_consent`) with their name, position and
 * institution, never their email or phone; closed meetings; published communiqués and evidence.
 *
 * Two registries let other features add to the site without touching its pages:
 * `meetingDocumentSources` (documents of a closed meeting, e.g. its signed minutes' PDF) and
 * `progressSources` (section b's progress blocks, e.g. the action plan's commitments).
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { planProgress } from './plan-progress';
import { signedMinutes } from './minutes-documents';
import { meetingStanding } from '../../rules';
import type { AgendaEntry } from './agenda-feed';
import {
	communiques,
	convocations,
	evidenceFiles,
	meetings,
	members,
	publicContacts,
	publicLinks,
	seats,
	secretariats
} from '../db/schema';

/** A document attached to a closed meeting on the public site (its `href` is a public URL). */
export interface MeetingDocument {
	title: string;
	href: string;
	/** e.g. 'application/pdf', shown as the file's format. */
	mimeType: string;
}

/**
 * A source of public documents per closed meeting: given the body and its closed meetings' ids,
 * the documents of each. The signed minutes' PDF plugs in here (see docs/DOMAIN.md).
 */
export type MeetingDocumentSource = (
	db: Database,
	body: { id: string; slug: string },
	meetingIds: string[]
) => Promise<Map<string, MeetingDocument[]>>;

export const meetingDocumentSources: MeetingDocumentSource[] = [signedMinutes];

/** A block of section b: a heading and its rows, each with an optional percentage done. */
export interface ProgressBlock {
	title: string;
	rows: { label: string; detail: string; percent: number | null }[];
}

/** A source of section b's progress blocks; the action plan's commitments plug in here. */
export type ProgressSource = (db: Database, body: PublicBody) => Promise<ProgressBlock[]>;

export const progressSources: ProgressSource[] = [planProgress];

/** The body of a public slug, or null. Every body's site is public once the body exists. */
export async function findPublicBody(db: Database, slug: string) {
	const [body] = await db
		.select({
			id: secretariats.id,
			slug: secretariats.slug,
			name: secretariats.name,
			rules: secretariats.rules
		})
		.from(secretariats)
		.where(eq(secretariats.slug, slug));
	return body
		? { id: body.id, slug: body.slug, name: body.name, timeZone: body.rules.timeZone }
		: null;
}

export type PublicBody = NonNullable<Awaited<ReturnType<typeof findPublicBody>>>;

/**
 * The members who consented to publication, with name, position and institution (the seat's
 * organisation for seat holders), seat holders first in seat order. Nothing else of theirs.
 */
export async function listPublishedMembers(db: Database, secretariatId: string) {
	return db
		.select({
			name: members.name,
			position: members.position,
			role: members.role,
			institution: seats.organisation,
			sector: seats.sector
		})
		.from(members)
		.leftJoin(seats, eq(seats.id, members.seatId))
		.where(
			and(
				eq(members.secretariatId, secretariatId),
				eq(members.publicConsent, true),
				ne(members.role, 'secretariat-admin'),
				isNull(members.endedAt)
			)
		)
		.orderBy(asc(seats.sortOrder), asc(seats.key), asc(members.role), asc(members.name));
}

/** The body's closed meetings, newest first, each with its published evidence and documents. */
export async function listPublicMeetings(db: Database, body: PublicBody) {
	const closed = await db
		.select({
			id: meetings.id,
			title: meetings.title,
			kind: meetings.kind,
			scheduledAt: meetings.scheduledAt,
			place: meetings.place
		})
		.from(meetings)
		.where(and(eq(meetings.secretariatId, body.id), eq(meetings.status, 'closed')))
		.orderBy(desc(meetings.scheduledAt));
	const ids = closed.map((meeting) => meeting.id);
	const evidence = ids.length
		? await db
				.select()
				.from(evidenceFiles)
				.where(and(inArray(evidenceFiles.meetingId, ids), eq(evidenceFiles.published, true)))
				.orderBy(asc(evidenceFiles.createdAt))
		: [];
	const documents = new Map<string, MeetingDocument[]>();
	for (const source of meetingDocumentSources) {
		for (const [id, list] of await source(db, body, ids))
			documents.set(id, [...(documents.get(id) ?? []), ...list]);
	}
	return closed.map((meeting) => ({
		...meeting,
		documents: documents.get(meeting.id) ?? [],
		evidence: evidence.filter((file) => file.meetingId === meeting.id)
	}));
}

/** Published evidence not tied to a meeting. */
export function listLooseEvidence(db: Database, secretariatId: string) {
	return db
		.select()
		.from(evidenceFiles)
		.where(
			and(
				eq(evidenceFiles.secretariatId, secretariatId),
				eq(evidenceFiles.published, true),
				isNull(evidenceFiles.meetingId)
			)
		)
		.orderBy(desc(evidenceFiles.createdAt));
}

/** Published communiqués, newest first. */
export function listPublishedCommuniques(db: Database, secretariatId: string) {
	return db
		.select()
		.from(communiques)
		.where(and(eq(communiques.secretariatId, secretariatId), isNotNull(communiques.publishedAt)))
		.orderBy(desc(communiques.publishedAt));
}

/**
 * The agenda (section b): meetings still to come or under way, soonest first. A cancelled one stays
 * where it was announced, marked cancelled with the day it was (Z art. 7.4: cancelled by a
 * communication), rather than vanishing or still reading as coming.
 */
export async function listUpcomingMeetings(db: Database, secretariatId: string) {
	const rows = await db
		.select({
			id: meetings.id,
			title: meetings.title,
			kind: meetings.kind,
			scheduledAt: meetings.scheduledAt,
			place: meetings.place,
			status: meetings.status,
			convocationStatus: convocations.status,
			cancelledAt: convocations.cancelledAt
		})
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.where(and(eq(meetings.secretariatId, secretariatId), ne(meetings.status, 'closed')))
		.orderBy(asc(meetings.scheduledAt));
	return rows.map(({ convocationStatus, ...row }) => ({
		...row,
		status: meetingStanding(row.status, convocationStatus)
	}));
}

/**
 * Every meeting of the body for the .ics feed, with what a subscribed calendar needs to keep its
 * copy in step: TENTATIVE until the convocatoria is issued, CONFIRMED once it is or once the
 * meeting was held (some were held without one issued here), CANCELLED when it was called off, and
 * the convocatoria's SEQUENCE (raised by each re-issue and by the cancellation).
 */
export async function listAgendaFeedEntries(
	db: Database,
	body: PublicBody,
	agendaUrl: string
): Promise<AgendaEntry[]> {
	const rows = await db
		.select({
			id: meetings.id,
			title: meetings.title,
			scheduledAt: meetings.scheduledAt,
			place: meetings.place,
			meetingStatus: meetings.status,
			convocationStatus: convocations.status,
			sequence: convocations.sequence
		})
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.where(eq(meetings.secretariatId, body.id))
		.orderBy(asc(meetings.scheduledAt));
	const status = (row: (typeof rows)[number]): AgendaEntry['status'] => {
		if (meetingStanding(row.meetingStatus, row.convocationStatus) === 'cancelled')
			return 'CANCELLED';
		if (row.convocationStatus === 'issued' || row.meetingStatus !== 'scheduled') return 'CONFIRMED';
		return 'TENTATIVE';
	};
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		scheduledAt: row.scheduledAt,
		place: row.place,
		url: agendaUrl,
		status: status(row),
		sequence: row.sequence ?? 0
	}));
}

/** Section b's progress blocks from every registered source, in registration order. */
export async function listProgressBlocks(db: Database, body: PublicBody): Promise<ProgressBlock[]> {
	const blocks: ProgressBlock[] = [];
	for (const source of progressSources) blocks.push(...(await source(db, body)));
	return blocks;
}

/** The body's links of interest, in order. */
export function listPublicLinks(db: Database, secretariatId: string) {
	return db
		.select()
		.from(publicLinks)
		.where(eq(publicLinks.secretariatId, secretariatId))
		.orderBy(asc(publicLinks.sortOrder), asc(publicLinks.createdAt));
}

/** The body's contact data, or empty fields when none was saved. */
export async function readPublicContact(db: Database, secretariatId: string) {
	const [row] = await db
		.select()
		.from(publicContacts)
		.where(eq(publicContacts.secretariatId, secretariatId));
	return {
		email: row?.email ?? '',
		phone: row?.phone ?? '',
		address: row?.address ?? '',
		hours: row?.hours ?? '',
		contactName: row?.contactName ?? ''
	};
}
