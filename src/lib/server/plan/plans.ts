/**
 * The action plan's records (PAL/PAM; I II.2–3, T II.2–3, Z art. 9.2): plans per secretariat and
 * period, their commitments, activities and milestones, agreements linked to commitments, and the
 * plan read whole with each commitment's computed progress and status (rules/plan-progress.ts).
 * Every function takes the secretariat's id and scopes its query by it: an id of another body's
 * plan finds nothing. Who may call what is decided by the routes and ./access.ts.
 */
import { and, asc, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	actionPlans,
	agreements,
	members,
	planActivities,
	planCommitmentAgreements,
	planCommitments,
	planEvidence,
	type ActionPlan,
	type PlanActivity,
	type PlanCommitment,
	type PlanEvidence
} from '../db/schema';
import {
	findActivityStatus,
	summariseCommitment,
	type ProgressStatus
} from '../../rules/plan-progress';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL or a form can be an id: anything else finds nothing, never a 500. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

export interface PlanInput {
	title: string;
	startsOn: string;
	endsOn: string;
}

export interface CommitmentInput {
	title: string;
	objective: string;
	institution: string;
	responsibleMemberId: string | null;
}

export interface ActivityInput {
	kind: 'activity' | 'milestone';
	title: string;
	startsOn: string;
	dueOn: string;
	weight: number;
}

export interface ActivityView extends PlanActivity {
	status: ProgressStatus;
	evidence: PlanEvidence[];
}

export interface CommitmentView extends PlanCommitment {
	responsibleName: string | null;
	progress: number;
	status: ProgressStatus;
	activities: ActivityView[];
	agreements: { id: string; year: number; number: number; text: string }[];
}

export interface PlanView {
	plan: ActionPlan;
	commitments: CommitmentView[];
	/** The plan's progress: the mean of its commitments' (each commitment counts once). */
	progress: number;
}

/** The body's plans, the latest period first. */
export function listPlans(db: Database, secretariatId: string): Promise<ActionPlan[]> {
	return db
		.select()
		.from(actionPlans)
		.where(eq(actionPlans.secretariatId, secretariatId))
		.orderBy(desc(actionPlans.startsOn), asc(actionPlans.title));
}

/** Creates a plan, unpublished. */
export async function createPlan(
	db: Database,
	secretariatId: string,
	input: PlanInput
): Promise<ActionPlan> {
	const [plan] = await db
		.insert(actionPlans)
		.values({ secretariatId, ...input })
		.returning();
	return plan!;
}

/** The plan with this id in this body, or null. */
export async function findPlan(
	db: Queryable,
	secretariatId: string,
	planId: string
): Promise<ActionPlan | null> {
	if (!isUuid(planId)) return null;
	const [plan] = await db
		.select()
		.from(actionPlans)
		.where(and(eq(actionPlans.id, planId), eq(actionPlans.secretariatId, secretariatId)));
	return plan ?? null;
}

/** Changes a plan's title, period or published flag; false when it is not this body's. */
export async function updatePlan(
	db: Database,
	secretariatId: string,
	planId: string,
	change: Partial<PlanInput & { published: boolean }>
): Promise<boolean> {
	const updated = await db
		.update(actionPlans)
		.set(change)
		.where(and(eq(actionPlans.id, planId), eq(actionPlans.secretariatId, secretariatId)))
		.returning({ id: actionPlans.id });
	return updated.length > 0;
}

/** The commitment with this id in this body (through its plan), or null. */
export async function findCommitment(
	db: Queryable,
	secretariatId: string,
	commitmentId: string
): Promise<(PlanCommitment & { plan: ActionPlan }) | null> {
	if (!isUuid(commitmentId)) return null;
	const [row] = await db
		.select({ commitment: planCommitments, plan: actionPlans })
		.from(planCommitments)
		.innerJoin(actionPlans, eq(actionPlans.id, planCommitments.planId))
		.where(and(eq(planCommitments.id, commitmentId), eq(actionPlans.secretariatId, secretariatId)));
	return row ? { ...row.commitment, plan: row.plan } : null;
}

/** The activity with this id in this body, with its commitment; null when not this body's. */
export async function findActivity(
	db: Queryable,
	secretariatId: string,
	activityId: string
): Promise<{ activity: PlanActivity; commitment: PlanCommitment } | null> {
	if (!isUuid(activityId)) return null;
	const [row] = await db
		.select({ activity: planActivities, commitment: planCommitments })
		.from(planActivities)
		.innerJoin(planCommitments, eq(planCommitments.id, planActivities.commitmentId))
		.innerJoin(actionPlans, eq(actionPlans.id, planCommitments.planId))
		.where(and(eq(planActivities.id, activityId), eq(actionPlans.secretariatId, secretariatId)));
	return row ?? null;
}

/** Whether the member belongs to this body (a responsible person must). */
async function isMemberOf(db: Queryable, secretariatId: string, memberId: string) {
	if (!isUuid(memberId)) return false;
	const [row] = await db
		.select({ id: members.id })
		.from(members)
		.where(
			and(
				eq(members.id, memberId),
				eq(members.secretariatId, secretariatId),
				isNull(members.endedAt)
			)
		);
	return Boolean(row);
}

export type CommitmentChange =
	| { ok: true; commitment: PlanCommitment }
	| { ok: false; reason: 'not-found' | 'responsible-not-member' };

/** Adds a commitment to a plan, numbered after the last one. */
export async function createCommitment(
	db: Database,
	secretariatId: string,
	planId: string,
	input: CommitmentInput
): Promise<CommitmentChange> {
	if (
		input.responsibleMemberId &&
		!(await isMemberOf(db, secretariatId, input.responsibleMemberId))
	)
		return { ok: false, reason: 'responsible-not-member' };
	return db.transaction(async (tx) => {
		// The plan's row lock numbers two commitments added at once one after the other.
		const [plan] = await tx
			.select({ id: actionPlans.id })
			.from(actionPlans)
			.where(and(eq(actionPlans.id, planId), eq(actionPlans.secretariatId, secretariatId)))
			.for('update');
		if (!plan) return { ok: false, reason: 'not-found' } as const;
		const [last] = await tx
			.select({ number: max(planCommitments.number) })
			.from(planCommitments)
			.where(eq(planCommitments.planId, planId));
		const [commitment] = await tx
			.insert(planCommitments)
			.values({ planId, number: (last?.number ?? 0) + 1, ...input })
			.returning();
		return { ok: true, commitment: commitment! } as const;
	});
}

/** Changes a commitment's fields. */
export async function updateCommitment(
	db: Database,
	secretariatId: string,
	commitmentId: string,
	input: CommitmentInput
): Promise<CommitmentChange> {
	if (!(await findCommitment(db, secretariatId, commitmentId)))
		return { ok: false, reason: 'not-found' };
	if (
		input.responsibleMemberId &&
		!(await isMemberOf(db, secretariatId, input.responsibleMemberId))
	)
		return { ok: false, reason: 'responsible-not-member' };
	const [commitment] = await db
		.update(planCommitments)
		.set(input)
		.where(eq(planCommitments.id, commitmentId))
		.returning();
	return { ok: true, commitment: commitment! };
}

/** Adds an activity (or a milestone) to a commitment, last; null when not this body's. */
export async function createActivity(
	db: Database,
	secretariatId: string,
	commitmentId: string,
	input: ActivityInput
): Promise<PlanActivity | null> {
	if (!(await findCommitment(db, secretariatId, commitmentId))) return null;
	const [last] = await db
		.select({ position: max(planActivities.position) })
		.from(planActivities)
		.where(eq(planActivities.commitmentId, commitmentId));
	const [activity] = await db
		.insert(planActivities)
		.values({ commitmentId, ...input, position: (last?.position ?? -1) + 1 })
		.returning();
	return activity!;
}

/** Removes an activity and its evidence rows (the caller removes their files); false if none. */
export async function deleteActivity(
	db: Database,
	secretariatId: string,
	activityId: string
): Promise<PlanEvidence[] | null> {
	const found = await findActivity(db, secretariatId, activityId);
	if (!found) return null;
	const evidence = await db
		.select()
		.from(planEvidence)
		.where(eq(planEvidence.activityId, activityId));
	await db.delete(planActivities).where(eq(planActivities.id, activityId));
	return evidence;
}

/** Links an agreement of this body to a commitment of this body; false when either is not. */
export async function linkAgreement(
	db: Database,
	secretariatId: string,
	commitmentId: string,
	agreementId: string
): Promise<boolean> {
	if (!isUuid(agreementId)) return false;
	const [agreement] = await db
		.select({ id: agreements.id })
		.from(agreements)
		.where(and(eq(agreements.id, agreementId), eq(agreements.secretariatId, secretariatId)));
	if (!agreement || !(await findCommitment(db, secretariatId, commitmentId))) return false;
	await db
		.insert(planCommitmentAgreements)
		.values({ commitmentId, agreementId })
		.onConflictDoNothing();
	return true;
}

/** Unlinks an agreement from a commitment of this body. */
export async function unlinkAgreement(
	db: Database,
	secretariatId: string,
	commitmentId: string,
	agreementId: string
): Promise<void> {
	if (!isUuid(agreementId)) return;
	if (!(await findCommitment(db, secretariatId, commitmentId))) return;
	await db
		.delete(planCommitmentAgreements)
		.where(
			and(
				eq(planCommitmentAgreements.commitmentId, commitmentId),
				eq(planCommitmentAgreements.agreementId, agreementId)
			)
		);
}

/** The body's agreements register, latest first: what a commitment may be linked to. */
export function listAgreements(db: Database, secretariatId: string) {
	return db
		.select({
			id: agreements.id,
			year: agreements.year,
			number: agreements.number,
			text: agreements.text
		})
		.from(agreements)
		.where(eq(agreements.secretariatId, secretariatId))
		.orderBy(desc(agreements.year), desc(agreements.number));
}

/**
 * A plan read whole: its commitments in order, each with its responsible member's name, its
 * activities (status on `today`, evidence) and linked agreements, and the computed progress and
 * status. The plan pages, the CSV export, the report and the public module read it.
 */
export async function readPlan(
	db: Queryable,
	secretariatId: string,
	planId: string,
	today: string
): Promise<PlanView | null> {
	const plan = await findPlan(db, secretariatId, planId);
	if (!plan) return null;
	const commitmentRows = await db
		.select({ commitment: planCommitments, responsibleName: members.name })
		.from(planCommitments)
		.leftJoin(members, eq(members.id, planCommitments.responsibleMemberId))
		.where(eq(planCommitments.planId, planId))
		.orderBy(asc(planCommitments.number));
	const commitmentIds = commitmentRows.map((row) => row.commitment.id);
	const activityRows = commitmentIds.length
		? await db
				.select()
				.from(planActivities)
				.where(inArray(planActivities.commitmentId, commitmentIds))
				.orderBy(asc(planActivities.position), asc(planActivities.startsOn))
		: [];
	const activityIds = activityRows.map((a) => a.id);
	const evidenceRows = activityIds.length
		? await db
				.select()
				.from(planEvidence)
				.where(inArray(planEvidence.activityId, activityIds))
				.orderBy(asc(planEvidence.createdAt))
		: [];
	const agreementRows = commitmentIds.length
		? await db
				.select({
					commitmentId: planCommitmentAgreements.commitmentId,
					id: agreements.id,
					year: agreements.year,
					number: agreements.number,
					text: agreements.text
				})
				.from(planCommitmentAgreements)
				.innerJoin(agreements, eq(agreements.id, planCommitmentAgreements.agreementId))
				.where(inArray(planCommitmentAgreements.commitmentId, commitmentIds))
				.orderBy(asc(agreements.year), asc(agreements.number))
		: [];
	const commitments = commitmentRows.map(({ commitment, responsibleName }) => {
		const activities = activityRows
			.filter((a) => a.commitmentId === commitment.id)
			.map((a) => ({
				...a,
				status: findActivityStatus(a, today),
				evidence: evidenceRows.filter((e) => e.activityId === a.id)
			}));
		return {
			...commitment,
			responsibleName,
			...summariseCommitment(activities, today),
			activities,
			agreements: agreementRows
				.filter((a) => a.commitmentId === commitment.id)
				.map(({ id, year, number, text }) => ({ id, year, number, text }))
		};
	});
	const progress = commitments.length
		? commitments.reduce((sum, c) => sum + c.progress, 0) / commitments.length
		: 0;
	return { plan, commitments, progress };
}
