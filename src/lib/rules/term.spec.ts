import { describe, expect, it } from 'vitest';
import { copyPresetRules } from './presets/index';
import { checkReelection, computeTermEnd } from './term';

const zacatecas = copyPresetRules('zacatecas-stl');
const inai = copyPresetRules('inai-stl');
const tacambaro = copyPresetRules('tacambaro-stm');

describe('computeTermEnd', () => {
	it('ends a one-year term the day before its anniversary (Z art. 5, I I.4)', () => {
		expect(computeTermEnd(zacatecas, { installedOn: '2025-03-10' })).toEqual({
			ok: true,
			lastDay: '2026-03-09',
			endsAt: new Date('2026-03-10T06:00:00.000Z')
		});
	});

	it('ends a term installed on 29 February on the last day of the next February', () => {
		expect(computeTermEnd(inai, { installedOn: '2024-02-29' })).toMatchObject({
			ok: true,
			lastDay: '2025-02-28'
		});
	});

	it('follows the body when its term is longer', () => {
		const twoYears = {
			...zacatecas,
			term: { ...zacatecas.term, length: { kind: 'years' as const, years: 2 } }
		};
		expect(computeTermEnd(twoYears, { installedOn: '2025-01-01' })).toMatchObject({
			lastDay: '2026-12-31'
		});
	});

	it('ends a Tacámbaro term with the municipal administration (T I.4)', () => {
		expect(
			computeTermEnd(tacambaro, { installedOn: '2024-11-05', administrationEndsOn: '2027-08-31' })
		).toEqual({
			ok: true,
			lastDay: '2027-08-31',
			endsAt: new Date('2027-09-01T06:00:00.000Z')
		});
	});

	it.each([
		[{ installedOn: '2024-11-05' }, 'administration-end-required'],
		[{ installedOn: '2024-11-05', administrationEndsOn: null }, 'administration-end-required'],
		[
			{ installedOn: '2024-11-05', administrationEndsOn: '2027-02-30' },
			'administration-end-required'
		],
		[
			{ installedOn: '2024-11-05', administrationEndsOn: '2024-11-04' },
			'administration-ends-before-installation'
		],
		[{ installedOn: '5 Nov 2024', administrationEndsOn: '2027-08-31' }, 'installation-date-invalid']
	])('refuses %j with %s', (input, reason) => {
		expect(computeTermEnd(tacambaro, input)).toEqual({ ok: false, reason });
	});
});

describe('checkReelection', () => {
	it.each([
		[0, true],
		[1, true],
		[2, false],
		[3, false]
	])(
		'after %i consecutive terms, a Zacatecas member may be elected again: %s (Z art. 5, I I.5)',
		(served, allowed) => {
			expect(checkReelection(zacatecas, { consecutiveTermsServed: served }).ok).toBe(allowed);
			expect(checkReelection(inai, { consecutiveTermsServed: served }).ok).toBe(allowed);
		}
	);

	it('says how many re-elections there were and the limit', () => {
		expect(checkReelection(zacatecas, { consecutiveTermsServed: 2 })).toEqual({
			ok: false,
			reason: 'reelection-limit-reached',
			reelectionsSoFar: 1,
			limit: 1
		});
		expect(checkReelection(zacatecas, { consecutiveTermsServed: 1 })).toEqual({
			ok: true,
			reelectionsSoFar: 0,
			limit: 1
		});
	});

	it('sets no limit where the rules state none (Tacámbaro)', () => {
		expect(checkReelection(tacambaro, { consecutiveTermsServed: 9 })).toEqual({
			ok: true,
			reelectionsSoFar: 8,
			limit: null
		});
	});

	it('allows no re-election at all when the limit is zero', () => {
		const none = { term: { ...zacatecas.term, maxReelections: 0 } };
		expect(checkReelection(none, { consecutiveTermsServed: 0 }).ok).toBe(true);
		expect(checkReelection(none, { consecutiveTermsServed: 1 })).toMatchObject({
			ok: false,
			reason: 'reelection-limit-reached'
		});
	});

	it.each([-1, 1.5, Number.NaN])('refuses %s terms served', (served) => {
		expect(checkReelection(zacatecas, { consecutiveTermsServed: served })).toEqual({
			ok: false,
			reason: 'terms-served-invalid'
		});
	});
});
