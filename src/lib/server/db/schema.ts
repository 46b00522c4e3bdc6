/**
 * The database schema: one schema for both engines (embedded PGlite and PostgreSQL).
 * Migrations in drizzle/ are generated from this file by `npm run db:generate`.
 *
 * Words: a *user* is a person with an account; an *auth session* is a login (never a meeting
 * of the body, which later tables call `meetings`).
 */
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
	id: uuid('id').primaryKey().defaultRandom(),
	/** Always stored lower-cased and trimmed, so uniqueness holds whatever the user typed. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	locale: text('locale').notNull().default('es-MX'),
	isInstanceAdmin: boolean('is_instance_admin').notNull().default(false),
	createdAt: createdAt()
});

/** Lucia-style auth sessions: the token's secret is kept only as its SHA-256 hash. */
export const authSessions = pgTable(
	'auth_sessions',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: text('secret_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: createdAt()
	},
	(table) => [index('auth_sessions_user_idx').on(table.userId)]
);

/** An admin's invitation to create an account; the link's token is kept only as its hash. */
export const invitations = pgTable('invitations', {
	id: uuid('id').primaryKey().defaultRandom(),
	email: text('email').notNull(),
	tokenHash: text('token_hash').notNull().unique(),
	invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	acceptedAt: timestamp('accepted_at', { withTimezone: true }),
	createdAt: createdAt()
});

/** A password-reset link; single use, short-lived, kept only as its hash. */
export const passwordResets = pgTable('password_resets', {
	id: uuid('id').primaryKey().defaultRandom(),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true }),
	createdAt: createdAt()
});

/**
 * Every mail the app sends is written here first. Without SMTP it stays `stored` and admins read
 * it at /admin/outbox; with SMTP it becomes `sent` or `failed`: the table is also the delivery log.
 */
export const outboxMessages = pgTable('outbox_messages', {
	id: uuid('id').primaryKey().defaultRandom(),
	toAddress: text('to_address').notNull(),
	subject: text('subject').notNull(),
	textBody: text('text_body').notNull(),
	htmlBody: text('html_body'),
	status: text('status', { enum: ['stored', 'sent', 'failed'] }).notNull(),
	error: text('error'),
	sentAt: timestamp('sent_at', { withTimezone: true }),
	createdAt: createdAt()
});

export type User = typeof users.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
