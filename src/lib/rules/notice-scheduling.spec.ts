/**
 * A meeting set too soon for its notice is warned about when it is created (Z art. 7.3, I III.4,
 * T III.4): the same deadline `checkNoticeIssue` applies later, judged at creation.
 */
import { describe, expect, it } from 'vitest';
import { checkNoticeAtScheduling } from './notice';
import { copyPresetRules } from './presets/index';

const rules = copyPresetRules('zacatecas-stl');
const mexicoCity = (wallClock: string) => new Date(`${wallClock}-06:00`);
// An ordinary meeting on Monday 9 June 2025 must be convened by Sunday 1 June, 23:59:59.999.
const monday = mexicoCity('2025-06-09T10:00');

describe('checkNoticeAtScheduling', () => {
	it('is fine while the notice can still be issued in time, to the last millisecond', () => {
		expect(
			checkNoticeAtScheduling(rules, 'ordinary', monday, mexicoCity('2025-05-30T12:00')).ok
		).toBe(true);
		expect(
			checkNoticeAtScheduling(rules, 'ordinary', monday, new Date('2025-06-02T05:59:59.999Z')).ok
		).toBe(true);
	});

	it('warns once the latest issue moment has passed, with the deadline it missed', () => {
		const check = checkNoticeAtScheduling(
			rules,
			'ordinary',
			monday,
			mexicoCity('2025-06-02T00:00')
		);
		expect(check).toMatchObject({ ok: false, reason: 'notice-already-short' });
		expect(check.window.latestIssue).toEqual(new Date('2025-06-02T05:59:59.999Z'));
		expect(check.window.businessDaysRequired).toBe(5);
	});

	it('gives an extraordinary meeting its shorter period (two business days)', () => {
		const now = mexicoCity('2025-06-04T09:00'); // Wednesday: Thu and Fri still count
		expect(checkNoticeAtScheduling(rules, 'extraordinary', monday, now).ok).toBe(true);
		expect(checkNoticeAtScheduling(rules, 'ordinary', monday, now).ok).toBe(false);
		const thursday = mexicoCity('2025-06-05T09:00');
		expect(checkNoticeAtScheduling(rules, 'extraordinary', monday, thursday).ok).toBe(false);
	});
});
