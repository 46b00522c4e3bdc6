import { describe, expect, it } from 'vitest';
import { computeOversightDeadline } from './oversight';
import { copyPresetRules } from './presets/index';

const mexicoCity = (wallClock: string) => new Date(`${wallClock}-06:00`);

describe('computeOversightDeadline', () => {
	it('has no deadline for Zacatecas: the guarantor keeps the national body informed (Z art. 11 III)', () => {
		expect(
			computeOversightDeadline(copyPresetRules('zacatecas-stl'), mexicoCity('2025-06-09T10:00'))
		).toBeNull();
	});

	it.each([
		['2025-06-09T10:00', '2025-06-30'],
		['2025-06-30T18:00', '2025-06-30'],
		['2024-02-15T10:00', '2024-02-29'],
		['2025-12-31T23:30', '2025-12-31']
	])(
		'INAI: a meeting on %s is due by the end of %s, its own month (I III.8)',
		(meeting, lastDay) => {
			const deadline = computeOversightDeadline(copyPresetRules('inai-stl'), mexicoCity(meeting));
			expect(deadline).toEqual({
				lastDay,
				deadline: new Date(`${lastDay}T23:59:59.999-06:00`),
				dispatchedBy: 'guarantor'
			});
		}
	);

	it.each([
		['2025-06-09T10:00', '2025-07-31'],
		['2025-01-31T10:00', '2025-02-28'],
		['2025-12-05T10:00', '2026-01-31']
	])(
		'Tacámbaro: a meeting on %s is due by the end of %s, the following month (T III.8)',
		(meeting, lastDay) => {
			const deadline = computeOversightDeadline(
				copyPresetRules('tacambaro-stm'),
				mexicoCity(meeting)
			);
			expect(deadline).toEqual({
				lastDay,
				deadline: new Date(`${lastDay}T23:59:59.999-06:00`),
				dispatchedBy: 'facilitator'
			});
		}
	);

	it('reads the meeting month in Mexico City: 30 June 21:00 local is 1 July in UTC', () => {
		const deadline = computeOversightDeadline(
			copyPresetRules('inai-stl'),
			new Date('2025-07-01T03:00:00Z')
		);
		expect(deadline?.lastDay).toBe('2025-06-30');
	});
});
