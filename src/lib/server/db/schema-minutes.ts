/**
 * The minutes of a meeting as legal documents (Z art. 7.5–6, I III.6–7, T III.6–7): each frozen
 * version of the assembled minutes with its SHA-256, the members' comments on it, its approval,
 * every signature or refusal to sign, and the SHA-256 of every PDF issued of an approved version
 * (what /verificar checks an uploaded file against). A version never changes once frozen; a
 * correction is a new version.
 */
import {
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { meetings, members, users } from './schema';
import type { MinutesContent } from '../minutes/minutes-content';

/** A frozen version of a meeting's minutes: its canonical content and that content's SHA-256. */
export const minutesVersions = pgTable(
	'minutes_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		content: jsonb('content').$type<MinutesContent>().notNull(),
		/** SHA-256 (hex) of the canonical JSON of `content` (minutes-content.ts). */
		sha256: text('sha256').notNull(),
		frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull().defaultNow(),
		frozenBy: uuid('frozen_by').references(() => users.id, { onDelete: 'set null' }),
		approvedAt: timestamp('approved_at', { withTimezone: true }),
		approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
		/** How the body approved it: by vote, or in the next meeting's item on previous minutes. */
		approvalMethod: text('approval_method', { enum: ['vote', 'next-meeting'] }),
		approvalNote: text('approval_note').notNull().default('')
	},
	(table) => [
		uniqueIndex('minutes_versions_meeting_number_idx').on(table.meetingId, table.number),
		index('minutes_versions_sha256_idx').on(table.sha256)
	]
);

/** A member's comment on a version. */
export const minutesComments = pgTable(
	'minutes_comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => minutesVersions.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		authorName: text('author_name').notNull(),
		text: text('text').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('minutes_comments_version_idx').on(table.versionId, table.createdAt)]
);

/** A signer's signature of an approved version, or their refusal with its reason: one per signer. */
export const minutesSignatures = pgTable(
	'minutes_signatures',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => minutesVersions.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		decision: text('decision', { enum: ['signed', 'refused'] }).notNull(),
		reason: text('reason').notNull().default(''),
		/** The version's hash the signer saw and signed. */
		versionSha256: text('version_sha256').notNull(),
		clientAddress: text('client_address').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		uniqueIndex('minutes_signatures_version_member_idx').on(table.versionId, table.memberId)
	]
);

/** The SHA-256 of every PDF issued of an approved version (one per state of its signatures). */
export const minutesPdfs = pgTable(
	'minutes_pdfs',
	{
		sha256: text('sha256').primaryKey(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => minutesVersions.id, { onDelete: 'cascade' }),
		signatureCount: integer('signature_count').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('minutes_pdfs_version_idx').on(table.versionId)]
);

export type MinutesVersion = typeof minutesVersions.$inferSelect;
export type MinutesSignature = typeof minutesSignatures.$inferSelect;
