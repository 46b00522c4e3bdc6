/**
 * The sealed record of a session (rules/event-chain.ts): every change of a meeting's live room,
 * appended in the transaction of the change, under the meeting's row lock
 * (meetings/event-log.ts). Rows are only ever inserted; `(meeting_id, seq)` is the primary key, so
 * two changes can never take the same place, and each row carries the previous row's hash.
 *
 * `actor` and the ids in `payload` are plain values, not foreign keys: deleting an account must not
 * rewrite a sealed event (its hash covers them).
 */
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './schema';
import type { EventPayload } from '../../rules/event-chain';

export const meetingEvents = pgTable(
	'meeting_events',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		/** 1, 2, 3… per meeting, in commit order (taken under the meeting's row lock). */
		seq: integer('seq').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		kind: text('kind').notNull(),
		/** The account that made the change; null for the system. */
		actor: uuid('actor'),
		payload: jsonb('payload').$type<EventPayload>().notNull(),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(table) => [primaryKey({ columns: [table.meetingId, table.seq] })]
);

export type MeetingEvent = typeof meetingEvents.$inferSelect;
