import { describe, expect, it } from 'vitest';
import { copyPresetRules } from './presets/index';
import { checkObserverPromotion, findObserverPeriod } from './observer-promotion';

const zacatecas = copyPresetRules('zacatecas-stl');
const inai = copyPresetRules('inai-stl');
const meeting = (
	day: string,
	hasObservers: boolean,
	extra: { cancelled?: boolean; held?: boolean } = {}
) => ({
	day,
	hasObservers,
	cancelled: extra.cancelled ?? false,
	held: extra.held ?? true
});

describe('findObserverPeriod', () => {
	it('runs a year from the installation day, then from each anniversary (Z art. 5)', () => {
		expect(findObserverPeriod(zacatecas, '2025-03-10', '2025-03-10')).toEqual({
			firstDay: '2025-03-10',
			lastDay: '2026-03-09'
		});
		expect(findObserverPeriod(zacatecas, '2025-03-10', '2026-03-09').firstDay).toBe('2025-03-10');
		expect(findObserverPeriod(zacatecas, '2025-03-10', '2026-03-10')).toEqual({
			firstDay: '2026-03-10',
			lastDay: '2027-03-09'
		});
		expect(findObserverPeriod(zacatecas, '2025-03-10', '2028-01-01').firstDay).toBe('2027-03-10');
	});
	it('is the calendar year for a body without an installation date', () => {
		expect(findObserverPeriod(zacatecas, null, '2026-07-04')).toEqual({
			firstDay: '2026-01-01',
			lastDay: '2026-12-31'
		});
	});
	it('is the first term for a body installed in the future', () => {
		expect(findObserverPeriod(zacatecas, '2026-05-01', '2026-04-01').firstDay).toBe('2026-05-01');
	});
});

describe('checkObserverPromotion (Z art. 7.7: at least one meeting per term)', () => {
	const installedOn = '2025-03-10';
	it('warns when the finished term had no meeting with observers', () => {
		const result = checkObserverPromotion(zacatecas, {
			installedOn,
			today: '2026-04-01',
			meetings: [
				meeting('2025-04-01', false),
				meeting('2025-10-01', false),
				meeting('2026-03-20', true)
			]
		});
		expect(result).toEqual({
			ok: false,
			reason: 'period-passed-without-observers',
			period: { firstDay: '2025-03-10', lastDay: '2026-03-09' }
		});
	});
	it('does not count a cancelled meeting that had observers invited', () => {
		const result = checkObserverPromotion(zacatecas, {
			installedOn,
			today: '2026-04-01',
			meetings: [meeting('2025-04-01', true, { cancelled: true }), meeting('2026-03-20', true)]
		});
		expect(result.ok).toBe(false);
	});
	it('reminds while the current term has none so far', () => {
		const result = checkObserverPromotion(zacatecas, {
			installedOn,
			today: '2025-06-01',
			meetings: [meeting('2025-04-01', false)]
		});
		expect(result).toMatchObject({ ok: false, reason: 'no-observers-yet' });
	});
	it('does not judge a period without meetings yet', () => {
		expect(
			checkObserverPromotion(zacatecas, { installedOn, today: '2025-04-01', meetings: [] }).ok
		).toBe(true);
	});
	it('is satisfied by one meeting with observers, even one convened ahead', () => {
		expect(
			checkObserverPromotion(zacatecas, {
				installedOn,
				today: '2025-06-01',
				meetings: [meeting('2025-04-01', false), meeting('2025-07-01', true, { held: false })]
			}).ok
		).toBe(true);
		expect(
			checkObserverPromotion(zacatecas, {
				installedOn,
				today: '2026-04-01',
				meetings: [meeting('2026-03-09', true), meeting('2026-03-20', true)]
			}).ok
		).toBe(true);
	});
	it('judges a body without installation date only on years it met in', () => {
		expect(
			checkObserverPromotion(zacatecas, {
				installedOn: null,
				today: '2026-02-01',
				meetings: [meeting('2026-01-20', true)]
			}).ok
		).toBe(true);
		expect(
			checkObserverPromotion(zacatecas, {
				installedOn: null,
				today: '2026-02-01',
				meetings: [meeting('2025-05-20', false), meeting('2026-01-20', true)]
			})
		).toMatchObject({ ok: false, reason: 'period-passed-without-observers' });
	});
});

describe('checkObserverPromotion (I III.10: in the meetings)', () => {
	it('counts the held meetings of the term without observers', () => {
		const result = checkObserverPromotion(inai, {
			installedOn: '2025-03-10',
			today: '2025-06-01',
			meetings: [
				meeting('2025-04-01', true),
				meeting('2025-05-01', false),
				meeting('2025-05-15', false)
			]
		});
		expect(result).toMatchObject({ ok: false, reason: 'meetings-without-observers', count: 2 });
	});
	it('is satisfied when every held meeting had observers', () => {
		const result = checkObserverPromotion(inai, {
			installedOn: '2025-03-10',
			today: '2025-06-01',
			meetings: [meeting('2025-04-01', true), meeting('2025-07-01', false, { held: false })]
		});
		expect(result.ok).toBe(true);
	});
});
