/**
 * Removing a member (Z art. 5, I I.3, T I.3): a proposal that a seat holder's designation be left
 * without effect, with its reason and the seats that put it forward; once enough seats support it
 * (the rules' `removal.minProposers`, never counting the member's own seat) it goes onto the agenda
 * of the next meeting, where a vote of all the body's seats decides it. The motion that decides it
 * points back here (`motions.removal_proposal_id`), and a carried one ends the membership
 * (`members.ended_at`) without erasing its history.
 */
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { meetings, members, seats, secretariats, users } from './schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const removalProposals = pgTable(
	'removal_proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		/** The member concerned: a titular or a substitute of `seatId`. */
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		seatId: uuid('seat_id')
			.notNull()
			.references(() => seats.id, { onDelete: 'cascade' }),
		/** The repeated acts or omissions the proposers name (Z art. 5). */
		reason: text('reason').notNull(),
		/**
		 * gathering: fewer seats than the rules ask support it; scheduled: on the agenda of `meetingId`
		 * (or of the next meeting, once one exists); carried / not-carried: decided by that meeting.
		 */
		status: text('status', { enum: ['gathering', 'scheduled', 'carried', 'not-carried'] })
			.notNull()
			.default('gathering'),
		meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
		proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [
		index('removal_proposals_secretariat_idx').on(table.secretariatId, table.createdAt),
		// One open proposal per member at a time: others support it instead of starting another.
		uniqueIndex('removal_proposals_open_idx')
			.on(table.memberId)
			.where(sql`${table.status} in ('gathering', 'scheduled')`)
	]
);

/** A seat's support of a removal proposal, through one of its holders: one per seat. */
export const removalSupports = pgTable(
	'removal_supports',
	{
		proposalId: uuid('proposal_id')
			.notNull()
			.references(() => removalProposals.id, { onDelete: 'cascade' }),
		seatId: uuid('seat_id')
			.notNull()
			.references(() => seats.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		at: createdAt()
	},
	(table) => [uniqueIndex('removal_supports_seat_idx').on(table.proposalId, table.seatId)]
);

export type RemovalProposal = typeof removalProposals.$inferSelect;
