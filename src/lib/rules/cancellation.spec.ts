import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkMeetingCancellation,
	computeCancellationDeadline,
	meetingStanding
} from './cancellation';
import { copyPresetRules } from './presets/index';

const rules = copyPresetRules('inai-stl');
const seats = rules.seats.map((seat) => ({ seatId: seat.id }));
const allSeats = seats.map((seat) => seat.seatId);
const meetingStart = new Date('2025-06-13T16:00:00Z'); // Friday 10:00 in Mexico City

describe('computeCancellationDeadline', () => {
	it('is 24 hours before the scheduled start (Z art. 7.4, I III.5, T III.5)', () => {
		expect(computeCancellationDeadline(rules, meetingStart)).toEqual(
			new Date('2025-06-12T16:00:00Z')
		);
	});
});

describe('checkMeetingCancellation', () => {
	const request = (communicatedAt: string, approvingSeatIds: string[] = allSeats) => ({
		meetingStart,
		communicatedAt: new Date(communicatedAt),
		approvingSeatIds
	});

	it('allows a cancellation exactly 24 hours before, approved by every seat', () => {
		expect(checkMeetingCancellation(rules, seats, request('2025-06-12T16:00:00Z'))).toEqual({
			ok: true,
			deadline: new Date('2025-06-12T16:00:00Z')
		});
	});

	it('refuses it one minute later', () => {
		expect(checkMeetingCancellation(rules, seats, request('2025-06-12T16:01:00Z'))).toMatchObject({
			ok: false,
			reason: 'cancellation-too-late'
		});
	});

	it('refuses it without the approval of all members, naming the seats missing', () => {
		const result = checkMeetingCancellation(
			rules,
			seats,
			request('2025-06-10T12:00:00Z', ['guarantor', 'guarantor', 'authority', 'stranger'])
		);
		expect(result).toEqual({
			ok: false,
			reason: 'cancellation-not-approved',
			deadline: new Date('2025-06-12T16:00:00Z'),
			missingSeatIds: ['civil-society']
		});
	});

	it('follows a body with another minimum', () => {
		const longer = { cancellation: { minHoursBefore: 48, approval: 'all-members' as const } };
		expect(checkMeetingCancellation(longer, seats, request('2025-06-12T00:00:00Z')).ok).toBe(false);
		expect(checkMeetingCancellation(longer, seats, request('2025-06-11T16:00:00Z')).ok).toBe(true);
	});

	it('allows a cancellation only when it is in time and every seat approves', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 96 * 60 }),
				fc.subarray(allSeats),
				(minutesBefore, approving) => {
					const communicatedAt = new Date(meetingStart.getTime() - minutesBefore * 60_000);
					const result = checkMeetingCancellation(rules, seats, {
						meetingStart,
						communicatedAt,
						approvingSeatIds: approving
					});
					expect(result.ok).toBe(minutesBefore >= 24 * 60 && approving.length === allSeats.length);
				}
			)
		);
	});
});

describe('meetingStanding', () => {
	it('is cancelled whatever the row says once the convocatoria is, and the row’s status otherwise', () => {
		expect(meetingStanding('scheduled', 'cancelled')).toBe('cancelled');
		expect(meetingStanding('scheduled', 'issued')).toBe('scheduled');
		expect(meetingStanding('open', 'issued')).toBe('open');
		expect(meetingStanding('closed', null)).toBe('closed');
		expect(meetingStanding('scheduled', undefined)).toBe('scheduled');
	});
});
