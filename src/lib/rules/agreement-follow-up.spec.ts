import { describe, expect, it } from 'vitest';
import { isAgreementOpen, isAgreementOverdue } from './agreement-follow-up';

describe('isAgreementOverdue', () => {
	it.each([
		['pending, due yesterday', 'pending', '2026-03-09', true],
		['in progress, due yesterday', 'in-progress', '2026-03-09', true],
		['pending, due today (inclusive)', 'pending', '2026-03-10', false],
		['pending, due tomorrow', 'pending', '2026-03-11', false],
		['pending, no due date', 'pending', null, false],
		['done, due long ago', 'done', '2025-01-01', false],
		['cancelled, due long ago', 'cancelled', '2025-01-01', false],
		['pending, due last year', 'pending', '2025-12-31', true]
	] as const)('%s', (_name, status, dueOn, overdue) => {
		expect(isAgreementOverdue({ status, dueOn }, '2026-03-10')).toBe(overdue);
	});
});

describe('isAgreementOpen', () => {
	it('is open while pending or in progress, closed when done or cancelled', () => {
		expect(isAgreementOpen('pending')).toBe(true);
		expect(isAgreementOpen('in-progress')).toBe(true);
		expect(isAgreementOpen('done')).toBe(false);
		expect(isAgreementOpen('cancelled')).toBe(false);
	});
});
