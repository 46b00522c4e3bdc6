/**
 * The checks of a body's rules that look at more than one parameter at a time (the schema in
 * body-rules.ts checks each parameter alone). Each conflict is a path and a 'rules.*' code.
 *
 * Decisions, with the articles behind them:
 *   - seats: between the body's own `seatCount` bounds — exactly 7 for Zacatecas (Z art. 2 III),
 *     exactly 3 for the INAI template (I I.1), at least 5 and no upper bound for Tacámbaro (T I.1:
 *     "por lo menos sin ser limitativo"). The product itself allows 3 (the smallest body, I I.1) to
 *     25 seats (MIN_SEATS / MAX_SEATS): no document caps Tacámbaro, so 7 is not a product ceiling;
 *     25 only stops data-entry nonsense.
 *   - a fixed quorum may not exceed the seats (it could never be met) nor fall below the majority
 *     (every document asks at least "50 % + 1", Z art. 7.1, T III.2).
 *   - Z art. 5 "always two persons of civil society": civil-society and citizenry seats, counting
 *     their substitutes, must be able to hold that many persons.
 *   - a role given to the guarantor (convening, presiding, dispatching to oversight, observers,
 *     liaison) needs a guarantor seat.
 *   - an extraordinary meeting may not need more notice than an ordinary one (Z art. 7.3).
 *   - the order of a meeting starts with the quorum check (no quorum, no meeting: Z art. 7.1, 8 I)
 *     and includes the agenda approval when the members approve it each meeting (Z art. 7, 8 II).
 *   - a removal needs proposers other than the member concerned (Z art. 5), so at most seats − 1.
 *   - a term "as long as the municipal administration" only fits a municipal body (T I.4).
 *
 * Glossary: sociedad civil (organizada o no) → 'civil-society' / 'citizenry'; the rest in body-rules.ts.
 */
import type { BodyRules } from './body-rules';
import { computeRequiredQuorum } from './quorum';

export interface BodyRulesConflict {
	path: (string | number)[];
	code: string;
}

function listDuplicateIndexes(values: readonly string[]): number[] {
	return values.flatMap((value, index) => (values.indexOf(value) < index ? [index] : []));
}

function listSeatConflicts(rules: BodyRules): BodyRulesConflict[] {
	const conflicts: BodyRulesConflict[] = [];
	const seatIds = rules.seats.map((seat) => seat.id);
	for (const index of listDuplicateIndexes(seatIds))
		conflicts.push({ path: ['seats', index, 'id'], code: 'rules.seats.duplicate-id' });
	const { min, max } = rules.seatCount;
	if (max !== null && max < min)
		conflicts.push({ path: ['seatCount', 'max'], code: 'rules.seat-count.maximum-below-minimum' });
	if (rules.seats.length < min)
		conflicts.push({ path: ['seats'], code: 'rules.seats.below-minimum' });
	if (max !== null && rules.seats.length > max)
		conflicts.push({ path: ['seats'], code: 'rules.seats.above-maximum' });
	const civilSocietySeats = rules.seats.filter(
		(seat) => seat.sector === 'civil-society' || seat.sector === 'citizenry'
	);
	if (civilSocietySeats.length * (1 + rules.substitutesPerSeat) < rules.minCivilSocietyPersons) {
		conflicts.push({ path: ['minCivilSocietyPersons'], code: 'rules.seats.civil-society-too-few' });
	}
	return conflicts;
}

function listQuorumConflicts(rules: BodyRules): BodyRulesConflict[] {
	if (rules.quorum.kind !== 'fixed') return [];
	if (rules.quorum.seats > rules.seats.length)
		return [{ path: ['quorum', 'seats'], code: 'rules.quorum.exceeds-seats' }];
	const majority = computeRequiredQuorum({ kind: 'majority' }, rules.seats.length);
	if (rules.quorum.seats < majority)
		return [{ path: ['quorum', 'seats'], code: 'rules.quorum.below-majority' }];
	return [];
}

function listGuarantorConflicts(rules: BodyRules): BodyRulesConflict[] {
	if (rules.seats.some((seat) => seat.sector === 'guarantor')) return [];
	const guarantorRoles: [(string | number)[], boolean][] = [
		[['convenedBy'], rules.convenedBy === 'guarantor'],
		[['presidedBy'], rules.presidedBy === 'guarantor'],
		[['directedBy'], rules.directedBy === 'guarantor'],
		[['oversight', 'dispatchedBy'], rules.oversight.dispatchedBy === 'guarantor'],
		[['observers', 'convenedBy'], rules.observers.convenedBy === 'guarantor'],
		[['liaison'], rules.liaison === 'named-by-guarantor']
	];
	return guarantorRoles
		.filter(([, needsGuarantor]) => needsGuarantor)
		.map(([path]) => ({ path, code: 'rules.seats.guarantor-missing' }));
}

function listMeetingConflicts(rules: BodyRules): BodyRulesConflict[] {
	const conflicts: BodyRulesConflict[] = [];
	if (rules.notice.extraordinaryBusinessDays > rules.notice.ordinaryBusinessDays) {
		conflicts.push({
			path: ['notice', 'extraordinaryBusinessDays'],
			code: 'rules.notice.extraordinary-exceeds-ordinary'
		});
	}
	const items = rules.meetingOrder.items;
	for (const index of listDuplicateIndexes(items))
		conflicts.push({
			path: ['meetingOrder', 'items', index],
			code: 'rules.meeting-order.duplicate-item'
		});
	if (items[0] !== 'quorum-check')
		conflicts.push({
			path: ['meetingOrder', 'items'],
			code: 'rules.meeting-order.quorum-check-not-first'
		});
	if (rules.agendaApprovedAtEachMeeting && !items.includes('agenda-approval')) {
		conflicts.push({
			path: ['meetingOrder', 'items'],
			code: 'rules.meeting-order.agenda-approval-missing'
		});
	}
	return conflicts;
}

function listTermConflicts(rules: BodyRules): BodyRulesConflict[] {
	const conflicts: BodyRulesConflict[] = [];
	if (rules.removal.minProposers > rules.seats.length - 1)
		conflicts.push({
			path: ['removal', 'minProposers'],
			code: 'rules.removal.proposers-exceed-seats'
		});
	if (rules.term.length.kind === 'municipal-administration' && rules.kind !== 'stm') {
		conflicts.push({ path: ['term', 'length'], code: 'rules.term.municipal-term-needs-stm' });
	}
	return conflicts;
}

function listListConflicts(rules: BodyRules): BodyRulesConflict[] {
	const lists: [string, readonly string[], string][] = [
		['nonWorkingDays', rules.nonWorkingDays, 'rules.non-working-days.duplicate'],
		['website.sections', rules.website.sections, 'rules.website.duplicate-section'],
		['ethicsPrinciples', rules.ethicsPrinciples, 'rules.ethics.duplicate']
	];
	return lists.flatMap(([path, values, issueCode]) =>
		listDuplicateIndexes(values).map((index) => ({
			path: [...path.split('.'), index],
			code: issueCode
		}))
	);
}

/**
 * Every cross-parameter conflict of a body's rules, in a stable order. The body-rules schema calls it
 * as its refinement, so `parseBodyRules` reports these codes beside the per-field ones.
 */
export function listBodyRulesConflicts(rules: BodyRules): BodyRulesConflict[] {
	return [
		...listSeatConflicts(rules),
		...listQuorumConflicts(rules),
		...listGuarantorConflicts(rules),
		...listMeetingConflicts(rules),
		...listTermConflicts(rules),
		...listListConflicts(rules)
	];
}
