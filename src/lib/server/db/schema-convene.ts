/**
 * Convening a meeting and following up its agreements (issue 5): the convocatoria of a meeting
 * (draft → issued → cancelled), the members' agenda proposals, the per-seat approvals of a
 * cancellation, the invited social observers, the mails of each issue (the delivery log), the
 * in-app notices of each member, and the follow-up of the agreements register.
 *
 * Articles: notice with the agenda (Z art. 7.3, I III.4, T III.4); cancellation ≥ 24 h before, by all
 * members (Z art. 7.4, I III.5, T III.5); observers (Z art. 7.7, 11 II, I III.10, T III.10); the
 * facilitator integrates the members' proposals and keeps the register of agreements and follows
 * them up (Z art. 9, I VI, T VI).
 */
import {
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { agreements, meetings, members, outboxMessages, seats, users } from './schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A document listed in a convocatoria: a title and where to read it. */
export interface ConvocationDocument {
	title: string;
	url: string;
}

/**
 * The convocatoria of a meeting, one per meeting. `sequence` is the iCalendar SEQUENCE: 0 at the
 * first issue, +1 on each re-issue (a change of date) and on cancellation; the UID stays the same.
 */
export const convocations = pgTable('convocations', {
	meetingId: uuid('meeting_id')
		.primaryKey()
		.references(() => meetings.id, { onDelete: 'cascade' }),
	status: text('status', { enum: ['draft', 'issued', 'cancelled'] })
		.notNull()
		.default('draft'),
	onlineUrl: text('online_url').notNull().default(''),
	documents: jsonb('documents').$type<ConvocationDocument[]>().notNull().default([]),
	sequence: integer('sequence').notNull().default(0),
	issuedAt: timestamp('issued_at', { withTimezone: true }),
	issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
	/** The scheduled start the last issue announced: a different one needs a re-issue. */
	issuedFor: timestamp('issued_for', { withTimezone: true }),
	cancellationRequestedAt: timestamp('cancellation_requested_at', { withTimezone: true }),
	cancellationRequestedBy: uuid('cancellation_requested_by').references(() => users.id, {
		onDelete: 'set null'
	}),
	cancellationReason: text('cancellation_reason'),
	cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
	createdAt: createdAt()
});

/** A member's proposal for a meeting's agenda; the facilitator integrates or declines it. */
export const agendaProposals = pgTable(
	'agenda_proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		status: text('status', { enum: ['pending', 'integrated', 'declined'] })
			.notNull()
			.default('pending'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [index('agenda_proposals_meeting_idx').on(table.meetingId, table.createdAt)]
);

/** A seat's approval of a requested cancellation, by its titular or substitute: one per seat. */
export const cancellationApprovals = pgTable(
	'cancellation_approvals',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		seatId: uuid('seat_id')
			.notNull()
			.references(() => seats.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.meetingId, table.seatId] })]
);

/** A social observer invited to a meeting by email (Z art. 7.7, 11 II). */
export const meetingObservers = pgTable(
	'meeting_observers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		email: text('email').notNull(),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('meeting_observers_email_idx').on(table.meetingId, table.email)]
);

/** Each mail of a convocatoria (issue, re-issue, cancellation) and its outbox row: the delivery log. */
export const convocationDeliveries = pgTable(
	'convocation_deliveries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		outboxMessageId: uuid('outbox_message_id')
			.notNull()
			.references(() => outboxMessages.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['issue', 'reissue', 'cancellation', 'observer'] }).notNull(),
		sequence: integer('sequence').notNull(),
		recipientName: text('recipient_name').notNull(),
		recipientRole: text('recipient_role').notNull(),
		createdAt: createdAt()
	},
	(table) => [index('convocation_deliveries_meeting_idx').on(table.meetingId, table.createdAt)]
);

/** An in-app notice to a member (shown on the body's overview); `readAt` once dismissed. */
export const memberNotices = pgTable(
	'member_notices',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
		kind: text('kind', {
			enum: [
				'convocation-issued',
				'convocation-reissued',
				'meeting-cancelled',
				'cancellation-requested',
				// The dispatch's reminders (schema-dispatch.ts): `detail` holds the day in question.
				'dispatch-due',
				'term-ending',
				// A removal carried by a meeting left a seat's place empty: the admins fill it.
				'seat-vacated'
			]
		}).notNull(),
		/** What the notice is about when it is not a meeting: an ISO day (a deadline, a term's end). */
		detail: text('detail'),
		readAt: timestamp('read_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [index('member_notices_member_idx').on(table.memberId, table.createdAt)]
);

/** The follow-up of an agreement of the register: who answers for it, by when, how it goes. */
export const agreementTracking = pgTable('agreement_tracking', {
	agreementId: uuid('agreement_id')
		.primaryKey()
		.references(() => agreements.id, { onDelete: 'cascade' }),
	responsibleMemberId: uuid('responsible_member_id').references(() => members.id, {
		onDelete: 'set null'
	}),
	dueOn: date('due_on'),
	status: text('status', { enum: ['pending', 'in-progress', 'done', 'cancelled'] })
		.notNull()
		.default('pending'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A follow-up note on an agreement, with its author and time. */
export const agreementNotes = pgTable(
	'agreement_notes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		agreementId: uuid('agreement_id')
			.notNull()
			.references(() => agreements.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		authorName: text('author_name').notNull(),
		text: text('text').notNull(),
		createdAt: createdAt()
	},
	(table) => [index('agreement_notes_agreement_idx').on(table.agreementId, table.createdAt)]
);

export type Convocation = typeof convocations.$inferSelect;
export type AgreementStatus = (typeof agreementTracking.$inferSelect)['status'];
