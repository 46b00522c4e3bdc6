import { describe, expect, it } from 'vitest';
import { presetIds } from '../body-rules-vocabulary';
import { copyPresetRules, findPreset, presets, presetsById } from './index';

describe('presets', () => {
	it('lists the three source documents in RULES.md order', () => {
		expect(presets.map((preset) => preset.id)).toEqual([
			'zacatecas-stl',
			'inai-stl',
			'tacambaro-stm'
		]);
		expect(presets.map((preset) => preset.id)).toEqual([...presetIds]);
	});

	it('finds a preset by id and answers null for an unknown one', () => {
		expect(findPreset('inai-stl')).toBe(presetsById['inai-stl']);
		expect(findPreset('oaxaca-stl')).toBeNull();
	});

	it('copies a preset’s rules so that changing the copy leaves the preset alone', () => {
		const copy = copyPresetRules('tacambaro-stm');
		expect(copy).toEqual(presetsById['tacambaro-stm'].rules);
		copy.seats.pop();
		copy.notice.ordinaryBusinessDays = 10;
		expect(presetsById['tacambaro-stm'].rules.seats).toHaveLength(7);
		expect(presetsById['tacambaro-stm'].rules.notice.ordinaryBusinessDays).toBe(5);
	});

	it('differs where the documents differ (RULES.md table)', () => {
		const [zacatecas, inai, tacambaro] = presets.map((preset) => preset.rules);
		expect([zacatecas.quorum.kind, inai.quorum.kind, tacambaro.quorum.kind]).toEqual([
			'majority',
			'all',
			'majority'
		]);
		expect([
			zacatecas.meetings.ordinaryFrequency,
			inai.meetings.ordinaryFrequency,
			tacambaro.meetings.ordinaryFrequency
		]).toEqual(['monthly', 'biweekly', 'monthly']);
		expect([zacatecas.convenedBy, inai.convenedBy, tacambaro.convenedBy]).toEqual([
			'guarantor',
			'guarantor',
			'facilitator'
		]);
		expect([
			zacatecas.oversight.deadline,
			inai.oversight.deadline,
			tacambaro.oversight.deadline
		]).toEqual(['none', 'end-of-meeting-month', 'end-of-following-month']);
		expect([
			zacatecas.term.maxReelections,
			inai.term.maxReelections,
			tacambaro.term.maxReelections
		]).toEqual([1, 1, null]);
	});
});
