/**
 * Progress reports on the plan's activities, and who may make them. The matrix gives
 * `plan.report-progress` to seat holders and the facilitator; a seat holder reports only on the
 * commitments whose responsible member is one of their own memberships in the body (the
 * facilitator keeps the follow-up of all, Z art. 9.2). Every report is logged with its author.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	members,
	planActivities,
	planProgressUpdates,
	users,
	type PlanCommitment
} from '../db/schema';
import type { SecretariatAccess } from '../secretariats/access';
import { findActivity } from './plans';

type Reporter = Pick<SecretariatAccess, 'user' | 'roles' | 'secretariat'> & {
	can: SecretariatAccess['can'];
};

/** The member ids the signed-in person holds in this body. */
async function listOwnMemberIds(db: Queryable, access: Reporter): Promise<string[]> {
	const rows = await db
		.select({ id: members.id })
		.from(members)
		.where(
			and(
				eq(members.secretariatId, access.secretariat.id),
				eq(members.userId, access.user.id),
				isNull(members.endedAt)
			)
		);
	return rows.map((row) => row.id);
}

/**
 * Whether this person may report progress on this commitment: the facilitator on any, a titular
 * or substitute only when they are its responsible member. The pages ask it to show the form; the
 * actions ask it (through `requireProgressReporter`) before saving.
 */
export async function mayReportProgress(
	db: Queryable,
	access: Reporter,
	commitment: Pick<PlanCommitment, 'responsibleMemberId'>
): Promise<boolean> {
	if (!access.can('plan.report-progress')) return false;
	if (access.roles.has('facilitator')) return true;
	if (!commitment.responsibleMemberId) return false;
	return (await listOwnMemberIds(db, access)).includes(commitment.responsibleMemberId);
}

/** The commitments of `commitmentIds` this person may report on (for the CSV import). */
export async function listReportableCommitments(
	db: Queryable,
	access: Reporter,
	commitments: Pick<PlanCommitment, 'id' | 'responsibleMemberId'>[]
): Promise<Set<string>> {
	if (!access.can('plan.report-progress')) return new Set();
	if (access.roles.has('facilitator')) return new Set(commitments.map((c) => c.id));
	const own = new Set(await listOwnMemberIds(db, access));
	return new Set(
		commitments
			.filter((c) => c.responsibleMemberId && own.has(c.responsibleMemberId))
			.map((c) => c.id)
	);
}

/** 403 unless the person may report on this commitment. */
export async function requireProgressReporter(
	db: Queryable,
	access: Reporter,
	commitment: Pick<PlanCommitment, 'responsibleMemberId'>
): Promise<void> {
	if (!(await mayReportProgress(db, access, commitment))) error(403);
}

export interface ProgressReport {
	progress: number;
	note: string;
}

/**
 * Records a progress report on an activity of this body: 404 for an activity that is not this
 * body's, 403 for someone who may not report on its commitment.
 */
export async function reportProgress(
	db: Database,
	access: Reporter,
	activityId: string,
	report: ProgressReport
): Promise<void> {
	const found = await findActivity(db, access.secretariat.id, activityId);
	if (!found) error(404);
	await requireProgressReporter(db, access, found.commitment);
	await db.transaction((tx) =>
		saveProgress(tx, access.user.id, [{ activityId, ...report }], 'form')
	);
}

/** Writes progress to the activities and logs each report; inside the caller's transaction. */
export async function saveProgress(
	tx: Queryable,
	userId: string,
	reports: (ProgressReport & { activityId: string })[],
	source: 'form' | 'csv'
): Promise<void> {
	if (reports.length === 0) return;
	const now = new Date();
	for (const report of reports) {
		await tx
			.update(planActivities)
			.set({ progress: report.progress, updatedAt: now })
			.where(eq(planActivities.id, report.activityId));
	}
	await tx.insert(planProgressUpdates).values(
		reports.map((report) => ({
			activityId: report.activityId,
			progress: report.progress,
			note: report.note,
			source,
			reportedBy: userId,
			reportedAt: now
		}))
	);
}

/** The latest progress reports of a plan's activities, newest first (the report and the page). */
export async function listProgressUpdates(db: Queryable, activityIds: string[], limit = 200) {
	if (activityIds.length === 0) return [];
	return db
		.select({
			activityId: planProgressUpdates.activityId,
			progress: planProgressUpdates.progress,
			note: planProgressUpdates.note,
			source: planProgressUpdates.source,
			reportedAt: planProgressUpdates.reportedAt,
			reportedBy: users.name
		})
		.from(planProgressUpdates)
		.leftJoin(users, eq(users.id, planProgressUpdates.reportedBy))
		.where(inArray(planProgressUpdates.activityId, activityIds))
		.orderBy(desc(planProgressUpdates.reportedAt))
		.limit(limit);
}
