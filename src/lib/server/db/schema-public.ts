/**
 * The public website's tables (RULES.md "The public website's sections", Z art. 7.9, I III.12,
 * T III.12): what a body publishes — contact data, communiqués, links, evidence of its meetings —
 * and what the public sends in — questions, complaints and suggestions with a tracking number, and
 * requests to join the open-government exercise, confirmed by an emailed link kept only as a hash.
 * Nothing here is public unless its row says so (`published`); members' own consent to publish
 * their name, position and institution is `members.public_consent`.
 */
import {
	bigint,
	boolean,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { meetings, secretariats, users } from './schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const secretariatId = () =>
	uuid('secretariat_id')
		.notNull()
		.references(() => secretariats.id, { onDelete: 'cascade' });

/** Section c: the body's contact data, one row per body (absent until first saved). */
export const publicContacts = pgTable('public_contacts', {
	secretariatId: uuid('secretariat_id')
		.primaryKey()
		.references(() => secretariats.id, { onDelete: 'cascade' }),
	email: text('email').notNull().default(''),
	phone: text('phone').notNull().default(''),
	address: text('address').notNull().default(''),
	hours: text('hours').notNull().default(''),
	/** The person answering the public, as the body wishes to name it (an office, a role). */
	contactName: text('contact_name').notNull().default(''),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Section a: a communiqué; public once `publishedAt` is set. */
export const communiques = pgTable(
	'communiques',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: secretariatId(),
		title: text('title').notNull(),
		body: text('body').notNull(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [index('communiques_secretariat_idx').on(table.secretariatId, table.publishedAt)]
);

/** Section e: a link of interest. */
export const publicLinks = pgTable(
	'public_links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: secretariatId(),
		title: text('title').notNull(),
		url: text('url').notNull(),
		sortOrder: integer('sort_order').notNull().default(0),
		createdAt: createdAt()
	},
	(table) => [index('public_links_secretariat_idx').on(table.secretariatId, table.sortOrder)]
);

/**
 * Section a: a file of evidence of a meeting (photo, video, audio, other), stored under
 * DATA_DIR/files/<secretariat>/<id>; its type was read from its content, never from its name.
 */
export const evidenceFiles = pgTable(
	'evidence_files',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: secretariatId(),
		meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: ['photo', 'video', 'audio', 'document'] }).notNull(),
		title: text('title').notNull(),
		mimeType: text('mime_type').notNull(),
		extension: text('extension').notNull(),
		sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
		hasThumbnail: boolean('has_thumbnail').notNull().default(false),
		published: boolean('published').notNull().default(true),
		uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('evidence_files_secretariat_idx').on(table.secretariatId, table.createdAt)]
);

/**
 * Section f: a question, complaint or suggestion from anyone. The sender keeps the tracking
 * number (unique, unguessable enough to be the only key needed to follow it); the facilitator
 * answers and closes it in the app's inbox.
 */
export const publicRequests = pgTable(
	'public_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: secretariatId(),
		trackingNumber: text('tracking_number').notNull(),
		kind: text('kind', { enum: ['question', 'complaint', 'suggestion'] }).notNull(),
		name: text('name').notNull().default(''),
		email: text('email').notNull().default(''),
		message: text('message').notNull(),
		status: text('status', { enum: ['received', 'answered', 'closed'] })
			.notNull()
			.default('received'),
		answer: text('answer'),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('public_requests_tracking_idx').on(table.trackingNumber),
		index('public_requests_secretariat_idx').on(table.secretariatId, table.createdAt)
	]
);

/**
 * Section g: someone asking to join the open-government exercise; counts once its emailed link
 * (kept only as SHA-256) is followed. The body's admins see the confirmed ones.
 */
export const joinRequests = pgTable(
	'join_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: secretariatId(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		organisation: text('organisation').notNull().default(''),
		motivation: text('motivation').notNull().default(''),
		tokenHash: text('token_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('join_requests_token_idx').on(table.tokenHash),
		index('join_requests_secretariat_idx').on(table.secretariatId, table.createdAt)
	]
);

export type Communique = typeof communiques.$inferSelect;
export type PublicLink = typeof publicLinks.$inferSelect;
export type EvidenceFile = typeof evidenceFiles.$inferSelect;
export type PublicRequest = typeof publicRequests.$inferSelect;
export type JoinRequest = typeof joinRequests.$inferSelect;
