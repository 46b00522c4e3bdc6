/**
 * The monthly dispatch of the approved minutes to the oversight body, and the reminders the
 * scheduled jobs send (issue 5, items 7 and 9).
 *
 * Articles: minutes sent electronically to the oversight body by the last day of the month
 * (I III.8, V.5) or of the month after the meeting (T III.8, VI.12); the guarantor keeps the
 * national body informed (Z art. 11 III). At the end of the term members report and hand their
 * documents to their successors and the facilitator (Z art. 5, I I.7, T I.6).
 */
import {
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
import { members, outboxMessages, secretariats, users } from './schema';
import { minutesVersions } from './schema-minutes';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A body's dispatch settings: who else receives the minutes, and how early the reminders come. */
export const dispatchSettings = pgTable('dispatch_settings', {
	secretariatId: uuid('secretariat_id')
		.primaryKey()
		.references(() => secretariats.id, { onDelete: 'cascade' }),
	/** Recipients besides the oversight body's address (`secretariats.oversight_email`). */
	extraRecipients: jsonb('extra_recipients').$type<string[]>().notNull().default([]),
	/** Days before the dispatch deadline the dispatcher is reminded. */
	reminderDays: integer('reminder_days').notNull().default(5),
	/** Days before a member's term ends they and the facilitator are reminded. */
	termReminderDays: integer('term_reminder_days').notNull().default(30)
});

/** One sending of approved minutes versions: when, by whom, to which addresses. */
export const minutesDispatches = pgTable(
	'minutes_dispatches',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		/** The meetings' month the versions belong to, YYYY-MM in the body's time zone. */
		month: text('month').notNull(),
		sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'set null' }),
		sentByName: text('sent_by_name').notNull().default(''),
		createdAt: createdAt()
	},
	(table) => [index('minutes_dispatches_secretariat_idx').on(table.secretariatId, table.createdAt)]
);

/** The versions a dispatch carried (their PDFs were attached). */
export const minutesDispatchItems = pgTable(
	'minutes_dispatch_items',
	{
		dispatchId: uuid('dispatch_id')
			.notNull()
			.references(() => minutesDispatches.id, { onDelete: 'cascade' }),
		versionId: uuid('version_id')
			.notNull()
			.references(() => minutesVersions.id, { onDelete: 'cascade' })
	},
	(table) => [
		primaryKey({ columns: [table.dispatchId, table.versionId] }),
		index('minutes_dispatch_items_version_idx').on(table.versionId)
	]
);

/** One mail of a dispatch, linked to its outbox row (whose status says whether it went). */
export const minutesDispatchDeliveries = pgTable(
	'minutes_dispatch_deliveries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		dispatchId: uuid('dispatch_id')
			.notNull()
			.references(() => minutesDispatches.id, { onDelete: 'cascade' }),
		toAddress: text('to_address').notNull(),
		outboxId: uuid('outbox_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('minutes_dispatch_deliveries_dispatch_idx').on(table.dispatchId)]
);

/**
 * A reminder the scheduled jobs sent, one row per kind, key and member: the unique index is what
 * makes a reminder go out once, however often or concurrently the jobs run.
 */
export const scheduledReminders = pgTable(
	'scheduled_reminders',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['dispatch-due', 'term-ending'] }).notNull(),
		/** What it is about: the deadline's day (dispatch) or the member and their last day (term). */
		key: text('key').notNull(),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		outboxId: uuid('outbox_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('scheduled_reminders_once_idx').on(table.kind, table.key, table.memberId),
		index('scheduled_reminders_secretariat_idx').on(table.secretariatId)
	]
);
