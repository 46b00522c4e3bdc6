/**
 * The progress and status of the action plan's commitments, computed from their activities: what
 * the body follows up (Z art. 9.2, I II.3, T II.3), what its follow-up and evaluation reports say
 * (Z art. 9.3, I II.6, T II.6), and what the public site shows as section b, "avance de los
 * compromisos y agenda de actividades" (Z art. 7.9 b, I III.12 b, T III.12 b).
 *
 * Readings (the documents give no method; the body's "metodología" is its own, I II.3): a
 * commitment's progress is the weighted mean of its activities' progress, the weights normalised
 * to sum 1 (a commitment without activities is at 0 %; when every weight is 0 they count equally).
 * An activity is completed at 100 %, overdue when its due day has passed short of 100 %, at risk
 * when the progress lags the time elapsed between its start and due days by `AT_RISK_LAG` points or
 * more, not started before its start day with no progress, in progress otherwise. A commitment takes
 * the most urgent status of its activities (overdue, at risk) or, else, completed when all are,
 * not started when none is, in progress otherwise.
 *
 * Glossary: Plan de Acción Local / Municipal → action plan; compromiso → commitment; actividad →
 * activity; hito → milestone (an activity of one day); avance → progress; peso → weight;
 * vencido → overdue; en riesgo → at risk.
 */
import type { IsoDate } from './local-dates';

/** How many points behind the time elapsed make an activity "at risk". */
export const AT_RISK_LAG = 25;

export interface WeightedProgress {
	/** Non-negative; any scale (normalised here). */
	weight: number;
	/** 0–100. */
	progress: number;
}

export interface DatedActivity extends WeightedProgress {
	startsOn: IsoDate;
	dueOn: IsoDate;
}

export const progressStatuses = [
	'not-started',
	'in-progress',
	'at-risk',
	'overdue',
	'completed'
] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

function clampProgress(progress: number): number {
	if (!Number.isFinite(progress)) return 0;
	return Math.min(100, Math.max(0, progress));
}

/**
 * A commitment's progress, 0–100: its activities' progress weighted by their normalised weights.
 * The plan pages, the CSV export, the reports and the public site all call it.
 */
export function computeWeightedProgress(activities: readonly WeightedProgress[]): number {
	if (activities.length === 0) return 0;
	const weights = activities.map((a) => (Number.isFinite(a.weight) && a.weight > 0 ? a.weight : 0));
	const total = weights.reduce((sum, w) => sum + w, 0);
	const share = total > 0 ? weights.map((w) => w / total) : weights.map(() => 1 / weights.length);
	const mean = activities.reduce((sum, a, i) => sum + share[i]! * clampProgress(a.progress), 0);
	// Floating-point sums may land a hair outside [0, 100]; the result never does.
	return clampProgress(mean);
}

/** Progress for display: one decimal at most ("37.5"), never 100 before every activity is done. */
export function roundProgress(progress: number): number {
	const rounded = Math.round(clampProgress(progress) * 10) / 10;
	return rounded === 100 && progress < 100 ? 99.9 : rounded;
}

function dayNumber(date: IsoDate): number {
	return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * The progress an activity should have reached by `today` if it advanced evenly from its start day
 * to its due day (both counted), 0–100. A one-day activity (a milestone) is expected whole on its day.
 */
export function expectedProgress(
	activity: Pick<DatedActivity, 'startsOn' | 'dueOn'>,
	today: IsoDate
) {
	const start = dayNumber(activity.startsOn);
	const end = dayNumber(activity.dueOn) + 1;
	const now = dayNumber(today) + 1;
	if (now <= start) return 0;
	if (now >= end) return 100;
	return ((now - start) / (end - start)) * 100;
}

/** An activity's status on `today` (the body's local day); see the module's readings. */
export function findActivityStatus(activity: DatedActivity, today: IsoDate): ProgressStatus {
	const progress = clampProgress(activity.progress);
	if (progress >= 100) return 'completed';
	if (today > activity.dueOn) return 'overdue';
	if (progress === 0 && today < activity.startsOn) return 'not-started';
	if (expectedProgress(activity, today) - progress >= AT_RISK_LAG) return 'at-risk';
	return 'in-progress';
}

/** A commitment's status on `today`: the most urgent of its activities' (see the readings). */
export function findCommitmentStatus(
	activities: readonly DatedActivity[],
	today: IsoDate
): ProgressStatus {
	if (activities.length === 0) return 'not-started';
	const statuses = activities.map((a) => findActivityStatus(a, today));
	if (statuses.includes('overdue')) return 'overdue';
	if (statuses.includes('at-risk')) return 'at-risk';
	if (statuses.every((s) => s === 'completed')) return 'completed';
	if (statuses.every((s) => s === 'not-started')) return 'not-started';
	return 'in-progress';
}

/** A commitment's progress and status together, as every reader of the plan wants them. */
export function summariseCommitment(activities: readonly DatedActivity[], today: IsoDate) {
	return {
		progress: computeWeightedProgress(activities),
		status: findCommitmentStatus(activities, today)
	};
}
