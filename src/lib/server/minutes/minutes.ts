/**
 * The minutes' lifecycle (Z art. 7.5–6, 9.3; I III.6–7; T III.6–7): the facilitator closes the
 * meeting and version 1 is assembled from the live record and frozen with its SHA-256; members
 * comment; the body approves it (by vote, or in the next meeting's item on previous minutes); then
 * every signer the rules name signs in the app — password re-entered, with time, client address
 * and the version's hash — or refuses with a reason. A version never changes: a correction is a
 * new version, frozen the same way, which needs its own approval and signatures.
 */
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	meetings,
	minutesComments,
	minutesPdfs,
	minutesSignatures,
	minutesVersions,
	users,
	type Meeting,
	type MinutesSignature,
	type MinutesVersion
} from '../db/schema';
import { checkMinutesSignature, type MinutesSignRefusal } from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom, type RoomChangeResult } from '../meetings/room-change';
import { passOnUndecidedRemovals } from '../meetings/removals';
import { verifyPassword } from '../auth/password';
import { assembleMinutesContent } from './assemble';
import { hashMinutesContent } from './minutes-content';
import { appendMeetingEvent } from '../meetings/event-log';

/** Freezes the next version of a meeting's minutes from the live record, inside `tx`. */
async function freezeNextVersion(
	tx: Queryable,
	secretariat: LoadedSecretariat,
	meeting: Meeting,
	userId: string
): Promise<MinutesVersion> {
	const [last] = await tx
		.select({ number: max(minutesVersions.number) })
		.from(minutesVersions)
		.where(eq(minutesVersions.meetingId, meeting.id));
	const number = (last?.number ?? 0) + 1;
	const content = await assembleMinutesContent(tx, secretariat, meeting, number);
	const [version] = await tx
		.insert(minutesVersions)
		.values({
			meetingId: meeting.id,
			number,
			content,
			sha256: hashMinutesContent(content),
			frozenBy: userId
		})
		.returning();
	return version!;
}

/**
 * Closes an open meeting (its end time is now) and freezes version 1 of its minutes, in one
 * transaction under the meeting's lock. The room-change engine refuses it, under that lock, in a
 * meeting that is not open (never opened, closed already, cancelled) or with a motion still under
 * way, suspended or not — its decision would be missing from the minutes. The facilitator's close
 * action calls it.
 */
export function closeMeeting(
	db: Database,
	secretariat: LoadedSecretariat,
	meetingId: string,
	userId: string
): Promise<RoomChangeResult<never, { version: MinutesVersion }>> {
	return changeMeetingRoom<never, { version: MinutesVersion }>(
		db,
		secretariat,
		meetingId,
		'close-meeting',
		async ({ tx }) => {
			// The end time is taken under the lock: every change committed before it is earlier.
			const [closed] = await tx
				.update(meetings)
				.set({ status: 'closed', endedAt: new Date() })
				.where(eq(meetings.id, meetingId))
				.returning();
			// A removal on its agenda left undecided goes to the next meeting (removals.ts).
			await passOnUndecidedRemovals(tx, secretariat, meetingId);
			await appendMeetingEvent(tx, secretariat, meetingId, 'meeting-closed');
			return { ok: true, version: await freezeNextVersion(tx, secretariat, closed!, userId) };
		}
	);
}

/**
 * Freezes a corrected version of a closed meeting's minutes from the live record as it stands
 * (the co-edited text may have been corrected since). The previous versions stay as they were.
 */
export function freezeCorrectedVersion(
	db: Database,
	secretariat: LoadedSecretariat,
	meetingId: string,
	userId: string
): Promise<RoomChangeResult<never, { version: MinutesVersion }>> {
	return changeMeetingRoom<never, { version: MinutesVersion }>(
		db,
		secretariat,
		meetingId,
		'freeze-correction',
		async ({ tx, meeting }) => ({
			ok: true,
			version: await freezeNextVersion(tx, secretariat, meeting, userId)
		})
	);
}

export interface MinutesRecord {
	versions: (MinutesVersion & {
		comments: (typeof minutesComments.$inferSelect)[];
		signatures: MinutesSignature[];
	})[];
}

/** A meeting's versions, newest first, each with its comments and signatures. */
export async function readMinutesRecord(db: Queryable, meetingId: string): Promise<MinutesRecord> {
	const versions = await db
		.select()
		.from(minutesVersions)
		.where(eq(minutesVersions.meetingId, meetingId))
		.orderBy(desc(minutesVersions.number));
	const out: MinutesRecord['versions'] = [];
	for (const version of versions) {
		out.push({
			...version,
			comments: await db
				.select()
				.from(minutesComments)
				.where(eq(minutesComments.versionId, version.id))
				.orderBy(asc(minutesComments.createdAt)),
			signatures: await listVersionSignatures(db, version.id)
		});
	}
	return { versions: out };
}

/** A version's signatures and refusals, in the order they were made. */
export function listVersionSignatures(db: Queryable, versionId: string) {
	return db
		.select()
		.from(minutesSignatures)
		.where(eq(minutesSignatures.versionId, versionId))
		.orderBy(asc(minutesSignatures.at));
}

/** One version of one meeting, or null. */
export async function findMinutesVersion(
	db: Queryable,
	meetingId: string,
	number: number
): Promise<MinutesVersion | null> {
	const [version] = await db
		.select()
		.from(minutesVersions)
		.where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.number, number)));
	return version ?? null;
}

async function newestNumber(db: Queryable, meetingId: string): Promise<number> {
	const [row] = await db
		.select({ number: max(minutesVersions.number) })
		.from(minutesVersions)
		.where(eq(minutesVersions.meetingId, meetingId));
	return row?.number ?? 0;
}

/** Records a member's comment on a version. */
export async function addMinutesComment(
	db: Database,
	version: MinutesVersion,
	author: { userId: string; name: string },
	text: string
): Promise<void> {
	await db
		.insert(minutesComments)
		.values({ versionId: version.id, userId: author.userId, authorName: author.name, text });
}

export type ApproveRefusal = 'superseded' | 'already-approved';

/**
 * Records the body's approval of the newest version: by vote, or in the next meeting's item on
 * previous minutes (Z art. 8 III), with a note (which meeting, which agreement).
 */
export async function approveMinutesVersion(
	db: Database,
	version: MinutesVersion,
	approval: { method: 'vote' | 'next-meeting'; note: string; userId: string },
	now = new Date()
): Promise<{ ok: true } | { ok: false; reason: ApproveRefusal }> {
	if (version.approvedAt) return { ok: false, reason: 'already-approved' };
	if ((await newestNumber(db, version.meetingId)) !== version.number)
		return { ok: false, reason: 'superseded' };
	await db
		.update(minutesVersions)
		.set({
			approvedAt: now,
			approvedBy: approval.userId,
			approvalMethod: approval.method,
			approvalNote: approval.note
		})
		.where(and(eq(minutesVersions.id, version.id), eq(minutesVersions.number, version.number)));
	return { ok: true };
}

export type SignRefusal = MinutesSignRefusal | 'wrong-password';

/**
 * Signs a version, or records a refusal to sign with its reason, for one of the signer's own
 * memberships: the password is checked again first (a wrong one records nothing), then the rules
 * decide whether this member may sign this version now.
 */
export async function signMinutesVersion(
	db: Database,
	secretariat: LoadedSecretariat,
	version: MinutesVersion,
	input: {
		memberId: string;
		userId: string;
		password: string;
		decision: 'signed' | 'refused';
		reason: string;
		clientAddress: string;
	},
	now = new Date()
): Promise<{ ok: true } | { ok: false; reason: SignRefusal }> {
	const [user] = await db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, input.userId));
	if (!user || !(await verifyPassword(user.passwordHash, input.password)))
		return { ok: false, reason: 'wrong-password' };
	const decided = await listVersionSignatures(db, version.id);
	const check = checkMinutesSignature({
		approvalRequired: secretariat.rules.minutes.approvalRequired,
		approved: version.approvedAt !== null,
		newest: (await newestNumber(db, version.meetingId)) === version.number,
		signers: version.content.signers.map((s) => s.memberId),
		decided: decided.map((s) => s.memberId),
		memberId: input.memberId
	});
	if (!check.ok) return check;
	const inserted = await db
		.insert(minutesSignatures)
		.values({
			versionId: version.id,
			memberId: input.memberId,
			userId: input.userId,
			decision: input.decision,
			reason: input.decision === 'refused' ? input.reason : '',
			versionSha256: version.sha256,
			clientAddress: input.clientAddress,
			at: now
		})
		.onConflictDoNothing()
		.returning({ id: minutesSignatures.id });
	return inserted.length ? { ok: true } : { ok: false, reason: 'already-decided' };
}

/** Whether every signer of a version has signed or refused. */
export function isSigningComplete(version: MinutesVersion, signatures: MinutesSignature[]) {
	const decided = new Set(signatures.map((s) => s.memberId));
	return version.content.signers.every((s) => decided.has(s.memberId));
}

/** Keeps the SHA-256 of a PDF issued of an approved version, so /verificar recognises the file. */
export async function recordMinutesPdf(
	db: Queryable,
	version: MinutesVersion,
	sha256: string,
	signatureCount: number
): Promise<void> {
	if (!version.approvedAt) return;
	await db
		.insert(minutesPdfs)
		.values({ sha256, versionId: version.id, signatureCount })
		.onConflictDoNothing();
}

/**
 * The approved version a hash names — the version's own hash or that of a PDF issued of it — with
 * its meeting; null when no approved version matches. /verificar calls it.
 */
export async function findApprovedVersionByHash(db: Queryable, sha256: string) {
	const byVersion = await db
		.select({ version: minutesVersions, meeting: meetings })
		.from(minutesVersions)
		.innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
		.where(eq(minutesVersions.sha256, sha256));
	const byPdf = byVersion.length
		? []
		: await db
				.select({ version: minutesVersions, meeting: meetings, pdf: minutesPdfs })
				.from(minutesPdfs)
				.innerJoin(minutesVersions, eq(minutesVersions.id, minutesPdfs.versionId))
				.innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
				.where(eq(minutesPdfs.sha256, sha256));
	const found = byVersion.find((row) => row.version.approvedAt) ?? byPdf[0];
	if (!found || !found.version.approvedAt) return null;
	return {
		version: found.version,
		meeting: found.meeting,
		matched: byVersion.length ? ('version' as const) : ('pdf' as const),
		signatures: await listVersionSignatures(db, found.version.id)
	};
}

/** Every version of every meeting of a body, for its documents page. */
export function listBodyMinutesVersions(db: Queryable, secretariatId: string) {
	return db
		.select({
			meetingId: meetings.id,
			number: minutesVersions.number,
			sha256: minutesVersions.sha256,
			frozenAt: minutesVersions.frozenAt,
			approvedAt: minutesVersions.approvedAt
		})
		.from(minutesVersions)
		.innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
		.where(eq(meetings.secretariatId, secretariatId))
		.orderBy(desc(meetings.scheduledAt), desc(minutesVersions.number));
}
