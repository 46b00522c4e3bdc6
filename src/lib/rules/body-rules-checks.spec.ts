import { describe, expect, it } from 'vitest';
import { listBodyRulesConflicts } from './body-rules-checks';
import { copyPresetRules, presets } from './presets/index';

describe('listBodyRulesConflicts', () => {
	it.each(presets.map((preset) => [preset.id, preset.rules] as const))(
		'finds none in the %s preset',
		(_id, rules) => {
			expect(listBodyRulesConflicts(rules)).toEqual([]);
		}
	);

	it('names every role that needs the missing guarantor seat', () => {
		const rules = copyPresetRules('inai-stl');
		rules.seats[1] = { id: 'academia', sector: 'academia' };
		expect(listBodyRulesConflicts(rules)).toEqual([
			{ path: ['convenedBy'], code: 'rules.seats.guarantor-missing' },
			{ path: ['presidedBy'], code: 'rules.seats.guarantor-missing' },
			{ path: ['oversight', 'dispatchedBy'], code: 'rules.seats.guarantor-missing' },
			{ path: ['observers', 'convenedBy'], code: 'rules.seats.guarantor-missing' },
			{ path: ['liaison'], code: 'rules.seats.guarantor-missing' }
		]);
	});

	it('lets a body whose facilitator convenes live without a guarantor seat', () => {
		const rules = copyPresetRules('tacambaro-stm');
		rules.seats[0] = { id: 'citizenry-3', sector: 'citizenry' };
		expect(listBodyRulesConflicts(rules)).toEqual([]);
	});

	it('counts substitutes toward the two civil-society persons of Z art. 5', () => {
		const rules = copyPresetRules('zacatecas-stl');
		expect(listBodyRulesConflicts(rules)).toEqual([]);
		rules.substitutesPerSeat = 0;
		expect(listBodyRulesConflicts(rules)).toEqual([
			{ path: ['minCivilSocietyPersons'], code: 'rules.seats.civil-society-too-few' }
		]);
	});

	it('accepts a fixed quorum between the majority and all seats', () => {
		const rules = copyPresetRules('zacatecas-stl');
		for (const seats of [4, 5, 6, 7]) {
			rules.quorum = { kind: 'fixed', seats };
			expect(listBodyRulesConflicts(rules)).toEqual([]);
		}
	});

	it('reports several conflicts at once, each with its path', () => {
		const rules = copyPresetRules('zacatecas-stl');
		rules.seats.push({ id: 'executive', sector: 'executive' });
		rules.notice.extraordinaryBusinessDays = 9;
		rules.nonWorkingDays = ['2025-12-12', '2025-12-12'];
		expect(listBodyRulesConflicts(rules)).toEqual([
			{ path: ['seats', 7, 'id'], code: 'rules.seats.duplicate-id' },
			{ path: ['seats'], code: 'rules.seats.above-maximum' },
			{
				path: ['notice', 'extraordinaryBusinessDays'],
				code: 'rules.notice.extraordinary-exceeds-ordinary'
			},
			{ path: ['nonWorkingDays', 1], code: 'rules.non-working-days.duplicate' }
		]);
	});
});
