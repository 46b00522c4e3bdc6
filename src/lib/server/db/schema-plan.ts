/**
 * The action plan (Plan de Acción Local / Municipal, PAL/PAM): the body coordinates it, follows up
 * its commitments and activities, and publishes follow-up and evaluation reports (I II.2–3 and 6,
 * T II.2–3 and 6, Z art. 9.2–3); its progress is section b of the public site (Z art. 7.9 b).
 *
 * A plan belongs to a secretariat and a period; commitments have an objective, a responsible
 * institution and a responsible member; activities (and milestones, activities of one day) carry
 * dates, a weight and a progress 0–100 from which the commitment's progress is computed
 * (src/lib/rules/plan-progress.ts). Every progress report is kept; evidence is a file under
 * DATA_DIR/files or a link; agreements of the sessions can be linked to commitments.
 */
import {
	boolean,
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { agreements, members, secretariats, users } from './schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const actionPlans = pgTable(
	'action_plans',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on').notNull(),
		/** Only published plans are shown on the public site and in the open data. */
		published: boolean('published').notNull().default(false),
		createdAt: createdAt()
	},
	(table) => [index('action_plans_secretariat_idx').on(table.secretariatId, table.startsOn)]
);

export const planCommitments = pgTable(
	'plan_commitments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => actionPlans.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		title: text('title').notNull(),
		objective: text('objective').notNull().default(''),
		institution: text('institution').notNull().default(''),
		/** The member who reports its progress; a seat holder may report only on their own. */
		responsibleMemberId: uuid('responsible_member_id').references(() => members.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('plan_commitments_number_idx').on(table.planId, table.number)]
);

export const planActivities = pgTable(
	'plan_activities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		commitmentId: uuid('commitment_id')
			.notNull()
			.references(() => planCommitments.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['activity', 'milestone'] }).notNull(),
		title: text('title').notNull(),
		startsOn: date('starts_on').notNull(),
		dueOn: date('due_on').notNull(),
		weight: integer('weight').notNull().default(1),
		progress: integer('progress').notNull().default(0),
		position: integer('position').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('plan_activities_commitment_idx').on(table.commitmentId, table.position)]
);

/** Every progress report on an activity: who, when, how much, and what they said. */
export const planProgressUpdates = pgTable(
	'plan_progress_updates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => planActivities.id, { onDelete: 'cascade' }),
		progress: integer('progress').notNull(),
		note: text('note').notNull().default(''),
		source: text('source', { enum: ['form', 'csv'] })
			.notNull()
			.default('form'),
		reportedBy: uuid('reported_by').references(() => users.id, { onDelete: 'set null' }),
		reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('plan_progress_updates_activity_idx').on(table.activityId, table.reportedAt)]
);

/** Evidence of an activity: a stored file (checked by its content) or a link. */
export const planEvidence = pgTable(
	'plan_evidence',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => planActivities.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['file', 'link'] }).notNull(),
		title: text('title').notNull(),
		/** The link, for a link. */
		url: text('url'),
		/** For a file: its name under DATA_DIR/files, its sniffed content type and its size. */
		storedName: text('stored_name'),
		contentType: text('content_type'),
		size: integer('size'),
		addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('plan_evidence_activity_idx').on(table.activityId)]
);

/** An agreement of the body's sessions linked to a commitment it concerns. */
export const planCommitmentAgreements = pgTable(
	'plan_commitment_agreements',
	{
		commitmentId: uuid('commitment_id')
			.notNull()
			.references(() => planCommitments.id, { onDelete: 'cascade' }),
		agreementId: uuid('agreement_id')
			.notNull()
			.references(() => agreements.id, { onDelete: 'cascade' })
	},
	(table) => [primaryKey({ columns: [table.commitmentId, table.agreementId] })]
);

export type ActionPlan = typeof actionPlans.$inferSelect;
export type PlanCommitment = typeof planCommitments.$inferSelect;
export type PlanActivity = typeof planActivities.$inferSelect;
export type PlanEvidence = typeof planEvidence.$inferSelect;
