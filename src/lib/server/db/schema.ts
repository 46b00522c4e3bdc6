/**
 * The database schema: one schema for both engines (embedded PGlite and PostgreSQL).
 * Migrations in drizzle/ are generated from this file by `npm run db:generate`.
 *
 * Words: a *user* is a person with an account; an *auth session* is a login (never a meeting
 * of the body, which later tables call `meetings`).
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { BodyRules } from '../../rules/body-rules';
import { removalProposals } from './schema-removal';
import type { MemberRole } from '../../permissions/matrix';

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
	/** Set when the invitation is to a secretariat: the page then names the body and the role. */
	secretariatId: uuid('secretariat_id').references(() => secretariats.id, { onDelete: 'cascade' }),
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
	/** Files sent with the mail (a convocatoria's .ics), kept until SMTP takes the message. */
	attachments:
		jsonb('attachments').$type<
			{ filename: string; contentType: string; content: string; encoding?: 'base64' }[]
		>(),
	status: text('status', { enum: ['stored', 'sent', 'failed'] }).notNull(),
	error: text('error'),
	sentAt: timestamp('sent_at', { withTimezone: true }),
	createdAt: createdAt()
});

/**
 * A Secretariado Técnico (STL or STM). Its rules are one validated `BodyRules` value, kept as JSON
 * without the seats: the seats are rows of `seats`, and the two are put together when loaded.
 */
export const secretariats = pgTable('secretariats', {
	id: uuid('id').primaryKey().defaultRandom(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	/** The preset it started from (its source document), or null when configured from scratch. */
	presetId: text('preset_id'),
	rules: jsonb('rules').$type<Omit<BodyRules, 'seats'>>().notNull(),
	/** Where the month's minutes are sent (the oversight body), besides its name in the rules. */
	oversightEmail: text('oversight_email'),
	installedOn: date('installed_on'),
	createdAt: createdAt()
});

/** A seat of a secretariat: a sector and the organisation that holds it. */
export const seats = pgTable(
	'seats',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		/** The seat's id in the rules (`BodyRules.seats[].id`), unique within the secretariat. */
		key: text('key').notNull(),
		sector: text('sector').$type<BodyRules['seats'][number]['sector']>().notNull(),
		organisation: text('organisation').notNull().default(''),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(table) => [uniqueIndex('seats_secretariat_key_idx').on(table.secretariatId, table.key)]
);

/**
 * A person's place in a secretariat: titular or substitute of a seat, facilitator, companion,
 * guest, observer or secretariat admin, with the contact data of the installation act. The person
 * may not have an account yet (`userId` null): accepting an invitation links it.
 */
export const members = pgTable(
	'members',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		role: text('role').$type<MemberRole>().notNull(),
		seatId: uuid('seat_id').references(() => seats.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		position: text('position').notNull().default(''),
		email: text('email').notNull(),
		phone: text('phone').notNull().default(''),
		termStartsOn: date('term_starts_on'),
		termEndsOn: date('term_ends_on'),
		reelections: integer('reelections').notNull().default(0),
		/** Whether the person agreed to the public site showing their name, position, institution. */
		publicConsent: boolean('public_consent').notNull().default(false),
		/**
		 * When the body left this designation without effect (Z art. 5, I I.3, T I.3): the row stays
		 * for the record of the meetings the person took part in, without seat, rights or mail.
		 */
		endedAt: timestamp('ended_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [
		index('members_secretariat_idx').on(table.secretariatId),
		index('members_user_idx').on(table.userId),
		index('members_email_idx').on(table.email),
		// One titular and one substitute per seat; one facilitator per secretariat.
		uniqueIndex('members_seat_role_idx')
			.on(table.seatId, table.role)
			.where(sql`${table.seatId} is not null`),
		uniqueIndex('members_facilitator_idx')
			.on(table.secretariatId)
			.where(sql`${table.role} = 'facilitator'`)
	]
);

/**
 * A meeting of a secretariat (a *sesión*, never an auth session): ordinary or extraordinary, with
 * its agenda; `open` while it runs. Its live room state — attendance, quorum, the current item — is
 * in the tables below and only the server writes it.
 */
export const meetings = pgTable(
	'meetings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['ordinary', 'extraordinary'] }).notNull(),
		title: text('title').notNull(),
		scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
		place: text('place').notNull().default(''),
		status: text('status', { enum: ['scheduled', 'open', 'closed'] })
			.notNull()
			.default('scheduled'),
		currentItem: integer('current_item').notNull().default(0),
		/** When the facilitator opened and closed it: the minutes' start and end times. */
		startedAt: timestamp('started_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		/**
		 * The speaking-time limit the facilitator set for this meeting, in seconds (null: none). No
		 * preset states one (Z art. 7.10–11 leaves the floor to the facilitator's direction); the
		 * screens count the speaker's time down from it and show the overrun.
		 */
		speakingLimitSeconds: integer('speaking_limit_seconds'),
		createdAt: createdAt()
	},
	(table) => [index('meetings_secretariat_idx').on(table.secretariatId, table.scheduledAt)]
);

/** An item of a meeting's agenda, in order (Z art. 8 pre-fills I–VI). */
export const agendaItems = pgTable(
	'agenda_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		kind: text('kind').notNull(),
		title: text('title').notNull().default('')
	},
	(table) => [uniqueIndex('agenda_items_meeting_position_idx').on(table.meetingId, table.position)]
);

/**
 * Every stretch of a member's presence at a meeting, in the room or remotely: a check-in opens one,
 * a check-out (or a switch between room and remote) closes it; nothing is overwritten, so the
 * minutes list each arrival and departure. At most one open stretch per member and meeting.
 */
export const attendance = pgTable(
	'attendance',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		remote: boolean('remote').notNull(),
		checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
		checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
		checkedInBy: uuid('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
		checkedOutBy: uuid('checked_out_by').references(() => users.id, { onDelete: 'set null' })
	},
	(table) => [
		index('attendance_meeting_idx').on(table.meetingId, table.checkedInAt),
		uniqueIndex('attendance_present_idx')
			.on(table.meetingId, table.memberId)
			.where(sql`${table.checkedOutAt} is null`)
	]
);

/**
 * Every change of the quorum during a meeting, with its time: the minutes cite it. When quorum is
 * lost or regained while a motion is under way, the entry names the motion and whether it was
 * suspended or resumed by that change (Z art. 7.1).
 */
export const quorumLog = pgTable(
	'quorum_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		met: boolean('met').notNull(),
		seatsPresent: integer('seats_present').notNull(),
		seatsNeeded: integer('seats_needed').notNull(),
		motionId: uuid('motion_id').references(() => motions.id, { onDelete: 'set null' }),
		motionEvent: text('motion_event', { enum: ['suspended', 'resumed'] }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('quorum_log_meeting_idx').on(table.meetingId, table.at)]
);

/**
 * A proposed agreement put to the body during a meeting: first a consensus round (any seat may
 * object), then — on an objection, or when the facilitator calls it — a vote of one ballot per seat.
 * `outcome` keeps the rules' decision (reason and counts) once closed.
 */
export const motions = pgTable(
	'motions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		agendaPosition: integer('agenda_position').notNull(),
		text: text('text').notNull(),
		status: text('status', { enum: ['consensus', 'voting', 'closed'] }).notNull(),
		/** Set when the motion decides a removal proposal (schema-removal.ts): a vote of all seats. */
		removalProposalId: uuid('removal_proposal_id').references(() => removalProposals.id, {
			onDelete: 'set null'
		}),
		outcome: jsonb('outcome').$type<{
			carried: boolean;
			reason: string;
			votesFor: number;
			votesAgainst: number;
			abstentions: number;
		}>(),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(table) => [index('motions_meeting_idx').on(table.meetingId, table.openedAt)]
);

/** A seat's objection in a consensus round: one per seat and motion. */
export const objections = pgTable(
	'objections',
	{
		motionId: uuid('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		seatId: uuid('seat_id')
			.notNull()
			.references(() => seats.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [uniqueIndex('objections_motion_seat_idx').on(table.motionId, table.seatId)]
);

/** A seat's ballot, cast by whoever held the seat's vote at that moment: one per seat and motion. */
export const ballots = pgTable(
	'ballots',
	{
		motionId: uuid('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		seatId: uuid('seat_id')
			.notNull()
			.references(() => seats.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['titular', 'substitute'] }).notNull(),
		choice: text('choice', { enum: ['for', 'against', 'abstain'] }).notNull(),
		castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [uniqueIndex('ballots_motion_seat_idx').on(table.motionId, table.seatId)]
);

/**
 * The speakers' list of a meeting: who asked for the floor, in the facilitator's order; who has it
 * now (granted, not finished) and since when — the timer counts from `grantedAt`.
 */
export const speakerRequests = pgTable(
	'speaker_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		/** The order of the queue; the facilitator may move a request up. */
		rank: integer('rank').notNull(),
		requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
		grantedAt: timestamp('granted_at', { withTimezone: true }),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(table) => [index('speaker_requests_meeting_idx').on(table.meetingId, table.rank)]
);

/** The agreements register: every carried motion, numbered per body and year. */
export const agreements = pgTable(
	'agreements',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		secretariatId: uuid('secretariat_id')
			.notNull()
			.references(() => secretariats.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		number: integer('number').notNull(),
		motionId: uuid('motion_id')
			.notNull()
			.references(() => motions.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('agreements_number_idx').on(table.secretariatId, table.year, table.number)
	]
);

/** Binary Yjs updates: Uint8Array in, Uint8Array (a Buffer with postgres.js) out. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The log of a shared document's updates (the co-edited minutes), appended as clients write:
 * what the server has committed here is what it acknowledges as saved.
 */
export const documentUpdates = pgTable(
	'document_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		room: text('room').notNull(),
		update: bytea('update').notNull(),
		createdAt: createdAt()
	},
	(table) => [index('document_updates_room_idx').on(table.room, table.id)]
);

/** A document's compacted state: every update up to `uptoId` merged into one. */
export const documentSnapshots = pgTable('document_snapshots', {
	room: text('room').primaryKey(),
	state: bytea('state').notNull(),
	uptoId: bigint('upto_id', { mode: 'number' }).notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type User = typeof users.$inferSelect;
export type Secretariat = typeof secretariats.$inferSelect;
export type SeatRow = typeof seats.$inferSelect;
export type Member = typeof members.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type Motion = typeof motions.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
export * from './schema-plan';

export * from './schema-public';
export * from './schema-minutes';
export * from './schema-convene';
export * from './schema-dispatch';
export * from './schema-efirma';
export * from './schema-removal';
export * from './schema-event-log';
