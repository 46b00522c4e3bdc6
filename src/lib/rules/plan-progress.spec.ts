import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	AT_RISK_LAG,
	computeWeightedProgress,
	expectedProgress,
	findActivityStatus,
	findCommitmentStatus,
	roundProgress,
	summariseCommitment,
	type DatedActivity
} from './plan-progress';

const activityArb = fc.record({
	weight: fc.integer({ min: 0, max: 1000 }),
	progress: fc.integer({ min: 0, max: 100 })
});

describe('computeWeightedProgress', () => {
	it.each([
		[[], 0],
		[[{ weight: 1, progress: 50 }], 50],
		[
			[
				{ weight: 1, progress: 100 },
				{ weight: 1, progress: 0 }
			],
			50
		],
		[
			[
				{ weight: 3, progress: 100 },
				{ weight: 1, progress: 0 }
			],
			75
		],
		[
			[
				{ weight: 0, progress: 100 },
				{ weight: 0, progress: 0 }
			],
			50
		],
		[
			[
				{ weight: 0, progress: 100 },
				{ weight: 2, progress: 40 }
			],
			40
		],
		[[{ weight: 5, progress: 140 }], 100],
		[[{ weight: 5, progress: -10 }], 0],
		[[{ weight: Number.NaN, progress: 30 }], 30],
		[[{ weight: 1, progress: Number.NaN }], 0]
	])('%j → %d', (activities, expected) => {
		expect(computeWeightedProgress(activities)).toBeCloseTo(expected, 10);
	});

	it('stays within 0..100 for any activities', () => {
		fc.assert(
			fc.property(fc.array(activityArb, { maxLength: 30 }), (activities) => {
				const progress = computeWeightedProgress(activities);
				expect(progress).toBeGreaterThanOrEqual(0);
				expect(progress).toBeLessThanOrEqual(100);
			})
		);
	});

	it('never falls when any one activity advances', () => {
		fc.assert(
			fc.property(
				fc.array(activityArb, { minLength: 1, maxLength: 20 }),
				fc.nat(),
				fc.integer({ min: 0, max: 100 }),
				(activities, pick, step) => {
					const index = pick % activities.length;
					const before = computeWeightedProgress(activities);
					const advanced = activities.map((a, i) =>
						i === index ? { ...a, progress: Math.min(100, a.progress + step) } : a
					);
					expect(computeWeightedProgress(advanced)).toBeGreaterThanOrEqual(before - 1e-9);
				}
			)
		);
	});

	it('normalises weights: scaling all weights changes nothing', () => {
		fc.assert(
			fc.property(
				fc.array(activityArb, { minLength: 1, maxLength: 20 }),
				fc.integer({ min: 1, max: 50 }),
				(activities, factor) => {
					const scaled = activities.map((a) => ({ ...a, weight: a.weight * factor }));
					expect(computeWeightedProgress(scaled)).toBeCloseTo(
						computeWeightedProgress(activities),
						8
					);
				}
			)
		);
	});

	it('is 100 exactly when every weighted activity is complete, and equals a common progress', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 }),
				fc.integer({ min: 0, max: 100 }),
				(weights, progress) => {
					const all = weights.map((weight) => ({ weight, progress }));
					expect(computeWeightedProgress(all)).toBeCloseTo(progress, 8);
				}
			)
		);
	});

	it('lies between the least and the greatest activity progress', () => {
		fc.assert(
			fc.property(fc.array(activityArb, { minLength: 1, maxLength: 20 }), (activities) => {
				const progress = computeWeightedProgress(activities);
				const values = activities.map((a) => a.progress);
				expect(progress).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
				expect(progress).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
			})
		);
	});

	it('does not depend on the order of the activities', () => {
		fc.assert(
			fc.property(fc.array(activityArb, { maxLength: 20 }), (activities) => {
				expect(computeWeightedProgress([...activities].reverse())).toBeCloseTo(
					computeWeightedProgress(activities),
					8
				);
			})
		);
	});
});

describe('roundProgress', () => {
	it.each([
		[0, 0],
		[37.54, 37.5],
		[37.55, 37.6],
		[99.96, 99.9],
		[100, 100],
		[120, 100],
		[-3, 0]
	])('%d → %d', (value, expected) => expect(roundProgress(value)).toBe(expected));

	it('is monotone and shows 100 only for 100', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 100, noNaN: true }),
				fc.double({ min: 0, max: 100, noNaN: true }),
				(a, b) => {
					const [low, high] = a <= b ? [a, b] : [b, a];
					expect(roundProgress(low)).toBeLessThanOrEqual(roundProgress(high));
					expect(roundProgress(low) === 100).toBe(low === 100);
				}
			)
		);
	});
});

const activity = (over: Partial<DatedActivity> = {}): DatedActivity => ({
	weight: 1,
	progress: 0,
	startsOn: '2026-03-01',
	dueOn: '2026-03-10',
	...over
});

describe('expectedProgress', () => {
	it.each([
		['2026-02-28', 0],
		['2026-03-01', 10],
		['2026-03-05', 50],
		['2026-03-10', 100],
		['2026-04-01', 100]
	])('on %s expects %d %%', (today, expected) => {
		expect(expectedProgress(activity(), today)).toBeCloseTo(expected, 10);
	});

	it('expects a milestone whole on its day and nothing the day before', () => {
		const milestone = { startsOn: '2026-05-05', dueOn: '2026-05-05' };
		expect(expectedProgress(milestone, '2026-05-04')).toBe(0);
		expect(expectedProgress(milestone, '2026-05-05')).toBe(100);
	});
});

describe('findActivityStatus', () => {
	it.each<[Partial<DatedActivity>, string, string]>([
		[{ progress: 100 }, '2026-12-31', 'completed'],
		[{ progress: 100 }, '2026-01-01', 'completed'],
		[{ progress: 99 }, '2026-03-11', 'overdue'],
		[{ progress: 0 }, '2026-03-11', 'overdue'],
		[{ progress: 0 }, '2026-02-20', 'not-started'],
		[{ progress: 10 }, '2026-02-20', 'in-progress'],
		[{ progress: 0 }, '2026-03-01', 'in-progress'],
		[{ progress: 0 }, '2026-03-03', 'at-risk'],
		[{ progress: 5 }, '2026-03-03', 'at-risk'],
		[{ progress: 6 }, '2026-03-03', 'in-progress'],
		[{ progress: 75 }, '2026-03-10', 'at-risk'],
		[{ progress: 76 }, '2026-03-10', 'in-progress']
	])('%j on %s is %s', (over, today, expected) => {
		expect(findActivityStatus(activity(over), today)).toBe(expected);
	});

	it('uses a lag of 25 points', () => expect(AT_RISK_LAG).toBe(25));

	it('is never overdue on or before the due day, and always once past it short of 100', () => {
		const dayArb = fc.integer({ min: 0, max: 60 }).map((n) => {
			const d = new Date(Date.UTC(2026, 2, 1 + n));
			return d.toISOString().slice(0, 10);
		});
		fc.assert(
			fc.property(dayArb, fc.integer({ min: 0, max: 100 }), (today, progress) => {
				const status = findActivityStatus(activity({ progress }), today);
				if (progress === 100) expect(status).toBe('completed');
				else expect(status === 'overdue').toBe(today > '2026-03-10');
			})
		);
	});
});

describe('findCommitmentStatus and summariseCommitment', () => {
	const today = '2026-03-05';
	it.each<[Partial<DatedActivity>[], string]>([
		[[], 'not-started'],
		[[{ progress: 100 }, { progress: 100 }], 'completed'],
		[[{ progress: 100 }, { progress: 60 }], 'in-progress'],
		[[{ progress: 100 }, { progress: 10 }], 'at-risk'],
		[[{ progress: 10 }, { progress: 90, dueOn: '2026-03-01' }], 'overdue'],
		[
			[
				{ startsOn: '2026-04-01', dueOn: '2026-04-30' },
				{ startsOn: '2026-05-01', dueOn: '2026-05-30' }
			],
			'not-started'
		],
		[[{ startsOn: '2026-04-01', dueOn: '2026-04-30' }, { progress: 100 }], 'in-progress']
	])('%j is %s', (overs, expected) => {
		expect(findCommitmentStatus(overs.map(activity), today)).toBe(expected);
	});

	it('gives progress and status together', () => {
		expect(
			summariseCommitment(
				[activity({ weight: 3, progress: 100 }), activity({ weight: 1, progress: 60 })],
				today
			)
		).toEqual({ progress: 90, status: 'in-progress' });
	});
});
