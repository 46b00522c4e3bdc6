import { describe, expect, it } from 'vitest';
import { formatClock, readSpeakingClock, warningSeconds } from './speaking-time';

describe('the speaker’s clock', () => {
	const since = Date.parse('2026-11-30T12:00:00Z');
	const at = (seconds: number) => since + seconds * 1000;

	it.each([
		[0, null, { phase: 'free', seconds: 0 }],
		[75, null, { phase: 'free', seconds: 75 }],
		[0, 180, { phase: 'running', seconds: 180 }],
		[149, 180, { phase: 'running', seconds: 31 }],
		[150, 180, { phase: 'ending', seconds: 30 }],
		[180, 180, { phase: 'ending', seconds: 0 }],
		[181, 180, { phase: 'overrun', seconds: 1 }],
		[245, 180, { phase: 'overrun', seconds: 65 }],
		[44, 60, { phase: 'running', seconds: 16 }],
		[45, 60, { phase: 'ending', seconds: 15 }]
	] as const)('after %i s with a limit of %s s: %o', (spoken, limit, clock) => {
		expect(readSpeakingClock(since, at(spoken), limit)).toEqual(clock);
	});

	it('never shows negative time when the screen’s clock is behind the server’s', () => {
		expect(readSpeakingClock(since, at(-3), 60)).toEqual({ phase: 'running', seconds: 60 });
	});

	it('warns at a quarter of the limit, at most 30 seconds before its end', () => {
		expect(warningSeconds(60)).toBe(15);
		expect(warningSeconds(120)).toBe(30);
		expect(warningSeconds(600)).toBe(30);
	});

	it.each([
		[0, '0:00'],
		[9, '0:09'],
		[65, '1:05'],
		[900, '15:00']
	])('shows %i s as %s', (seconds, shown) => {
		expect(formatClock(seconds)).toBe(shown);
	});
});
