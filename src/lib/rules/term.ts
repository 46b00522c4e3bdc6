/**
 * The term of a body and re-election of its members.
 *
 * Articles: Z art. 5 and I I.4 (each body lasts one year; new members are elected at its end),
 * T I.4 (the body lasts as long as the municipal administration), Z art. 5 and I I.5 (members may be
 * re-elected once), Tacámbaro states no limit (`maxReelections: null`). Z art. 5, I I.7, T I.6 (at
 * the end of the term members report and hand over their documents: `rules.term.handoverAtEnd`).
 *
 * Readings:
 *   - a term of one year installed on day D covers D up to the day before D's anniversary (installed
 *     10 Mar 2025 → last day 9 Mar 2026); a 29 February installation's anniversary is 1 March.
 *   - a municipal administration's end is not in the rules (Michoacán's ayuntamientos change on a date
 *     set by state law, and a term may be cut short): the caller passes its last day.
 *   - "reelegirse por una sola ocasión": a person may serve at most 1 + limit consecutive terms; a term
 *     after a gap is a new election, not a re-election.
 *
 * Glossary: vigencia → term; administración municipal → municipal administration;
 * reelección → re-election; por una sola ocasión → `maxReelections: 1`.
 */
import type { BodyRules } from './body-rules';
import {
	addCalendarDays,
	addCalendarYears,
	isIsoDate,
	startOfLocalDay,
	type IsoDate
} from './local-dates';

export type TermEnd =
	| { ok: true; lastDay: IsoDate; endsAt: Date }
	| {
			ok: false;
			reason:
				| 'installation-date-invalid'
				| 'administration-end-required'
				| 'administration-ends-before-installation';
	  };

export type ReelectionCheck =
	| { ok: true; reelectionsSoFar: number; limit: number | null }
	| { ok: false; reason: 'terms-served-invalid' }
	| { ok: false; reason: 'reelection-limit-reached'; reelectionsSoFar: number; limit: number };

/**
 * When a body's term ends: its last day and the instant it is over (00:00 local the day after).
 * The body's settings page and the end-of-term reminder call it.
 */
export function computeTermEnd(
	rules: Pick<BodyRules, 'term' | 'timeZone'>,
	input: { installedOn: IsoDate; administrationEndsOn?: IsoDate | null }
): TermEnd {
	if (!isIsoDate(input.installedOn)) return { ok: false, reason: 'installation-date-invalid' };
	let lastDay: IsoDate;
	if (rules.term.length.kind === 'years') {
		lastDay = addCalendarDays(addCalendarYears(input.installedOn, rules.term.length.years), -1);
	} else {
		const administrationEndsOn = input.administrationEndsOn;
		if (!administrationEndsOn || !isIsoDate(administrationEndsOn))
			return { ok: false, reason: 'administration-end-required' };
		if (administrationEndsOn < input.installedOn)
			return { ok: false, reason: 'administration-ends-before-installation' };
		lastDay = administrationEndsOn;
	}
	return {
		ok: true,
		lastDay,
		endsAt: startOfLocalDay(addCalendarDays(lastDay, 1), rules.timeZone)
	};
}

/**
 * Whether a person may be elected again after serving `consecutiveTermsServed` terms in a row
 * (counting the one now ending; 0 = never served, a first election). The election form calls it
 * for each candidate.
 */
export function checkReelection(
	rules: Pick<BodyRules, 'term'>,
	candidate: { consecutiveTermsServed: number }
): ReelectionCheck {
	const served = candidate.consecutiveTermsServed;
	if (!Number.isInteger(served) || served < 0) return { ok: false, reason: 'terms-served-invalid' };
	const reelectionsSoFar = Math.max(0, served - 1);
	const limit = rules.term.maxReelections;
	if (limit === null || served === 0 || reelectionsSoFar < limit)
		return { ok: true, reelectionsSoFar, limit };
	return { ok: false, reason: 'reelection-limit-reached', reelectionsSoFar, limit };
}
