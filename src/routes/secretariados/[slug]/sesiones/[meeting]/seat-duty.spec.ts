import { describe, expect, it } from 'vitest';
import type { MeetingState } from '$lib/live/meeting-state';
import { dutyCallsForTap, readSeatDuty } from './seat-duty';

const titular = { id: 'm-titular', role: 'titular' };
const substitute = { id: 'm-substitute', role: 'substitute' };
const companion = { id: 'm-companion', role: 'companion' };

/** A room with the given people present and the given motion, seat `civil` held by `voter`. */
function room(
	present: { memberId: string; role: string; seatId: string | null }[],
	motion: Partial<NonNullable<MeetingState['motion']>> | null,
	voter: string | null = present.find((p) => p.seatId)?.memberId ?? null,
	status: MeetingState['status'] = 'open'
): MeetingState {
	return {
		meetingId: 'meeting',
		status,
		currentItem: 1,
		agenda: [],
		present: present.map((p) => ({ ...p, name: p.memberId, remote: false })),
		quorum: { met: true, seatsPresent: 4, seatsNeeded: 4, seatCount: 7 },
		quorumLog: [],
		voters: voter ? { civil: voter } : {},
		motion: motion && {
			id: 'motion',
			text: 'Aprobar el informe',
			status: 'voting',
			suspended: false,
			objectingSeats: [],
			votedSeats: [],
			tally: { for: 0, against: 0, abstain: 0 },
			...motion
		},
		speakers: { limitSeconds: null, queue: [], current: null },
		decisions: []
	};
}

const titularIn = { memberId: titular.id, role: 'titular', seatId: 'civil' };
const substituteIn = { memberId: substitute.id, role: 'substitute', seatId: 'civil' };

describe('what the phone asks of a member first', () => {
	it('asks to check in until they have, even before the meeting opens', () => {
		expect(readSeatDuty(room([], null, null, 'scheduled'), titular)).toEqual({ kind: 'check-in' });
		expect(readSeatDuty(room([], { status: 'voting' }), titular)).toEqual({ kind: 'check-in' });
	});

	it('follows the item under way when no motion is open, or in a closed meeting', () => {
		expect(readSeatDuty(room([titularIn], null), titular)).toEqual({ kind: 'follow' });
		expect(readSeatDuty(room([], null, null, 'closed'), titular)).toEqual({ kind: 'follow' });
	});

	it('offers the ballot to whoever holds the seat’s vote, until the seat has voted', () => {
		expect(readSeatDuty(room([titularIn], { status: 'voting' }), titular)).toEqual({
			kind: 'ballot',
			seat: 'civil'
		});
		expect(
			readSeatDuty(room([titularIn], { status: 'voting', votedSeats: ['civil'] }), titular)
		).toEqual({ kind: 'voted' });
	});

	it('offers the objection in a consensus round, until the seat objected', () => {
		expect(readSeatDuty(room([titularIn], { status: 'consensus' }), titular)).toEqual({
			kind: 'object',
			seat: 'civil'
		});
		expect(
			readSeatDuty(room([titularIn], { status: 'consensus', objectingSeats: ['civil'] }), titular)
		).toEqual({ kind: 'objected' });
	});

	it('says who votes for the seat when the other member holds its vote', () => {
		const state = room([titularIn, substituteIn], { status: 'voting' }, substitute.id);
		expect(readSeatDuty(state, titular)).toEqual({ kind: 'other-holds', holder: 'substitute' });
		const held = room([titularIn, substituteIn], { status: 'voting' }, titular.id);
		expect(readSeatDuty(held, substitute)).toEqual({ kind: 'other-holds', holder: 'titular' });
	});

	it('says the vote is suspended without quorum', () => {
		expect(readSeatDuty(room([titularIn], { status: 'voting', suspended: true }), titular)).toEqual(
			{ kind: 'suspended' }
		);
	});

	it('gives no vote to a member without a seat', () => {
		const state = room([titularIn, { memberId: companion.id, role: 'companion', seatId: null }], {
			status: 'voting'
		});
		expect(readSeatDuty(state, companion)).toEqual({ kind: 'no-vote' });
	});

	it('calls for a tap only for a ballot or an objection', () => {
		expect(dutyCallsForTap({ kind: 'ballot', seat: 'civil' })).toBe(true);
		expect(dutyCallsForTap({ kind: 'object', seat: 'civil' })).toBe(true);
		for (const kind of ['voted', 'objected', 'follow', 'suspended', 'check-in'] as const)
			expect(dutyCallsForTap({ kind } as never)).toBe(false);
	});
});
