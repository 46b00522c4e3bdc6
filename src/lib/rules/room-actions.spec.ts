import { describe, expect, it } from 'vitest';
import {
	checkRoomAction,
	isMotionSuspended,
	roomActions,
	type RoomAction,
	type RoomFacts
} from './room-actions';

const statuses = ['scheduled', 'open', 'closed'] as const;
const phases = [null, 'consensus', 'voting'] as const;

/** Every state a room can be in: 3 statuses × cancelled or not × quorum or not × 3 motion phases. */
const everyState: RoomFacts[] = statuses.flatMap((status) =>
	[false, true].flatMap((cancelled) =>
		[false, true].flatMap((quorumMet) =>
			phases.map((motion) => ({ status, cancelled, quorumMet, motion }))
		)
	)
);

const deciding: RoomAction[] = ['propose', 'object', 'open-vote', 'cast-ballot', 'close-motion'];
const allowed = (action: RoomAction, facts: RoomFacts) => checkRoomAction(action, facts).ok;

describe('checkRoomAction, over every action in every state of the room', () => {
	it('lets nothing happen in a cancelled meeting (Z art. 7.4)', () => {
		for (const facts of everyState.filter((f) => f.cancelled))
			for (const action of roomActions)
				expect(checkRoomAction(action, facts)).toEqual({ ok: false, reason: 'meeting-cancelled' });
	});

	it('lets nothing but a corrected version of the minutes happen once the meeting is closed', () => {
		for (const facts of everyState.filter((f) => f.status === 'closed' && !f.cancelled))
			for (const action of roomActions)
				expect(allowed(action, facts), `${action} in ${JSON.stringify(facts)}`).toBe(
					action === 'freeze-correction'
				);
	});

	it('freezes a corrected version only of a closed meeting', () => {
		for (const facts of everyState.filter((f) => f.status !== 'closed' && !f.cancelled))
			expect(checkRoomAction('freeze-correction', facts)).toEqual({
				ok: false,
				reason: 'meeting-not-closed'
			});
	});

	it('decides nothing without quorum: no motion, objection, vote, ballot or close (Z art. 7.1, I III.2, T III.2)', () => {
		for (const facts of everyState.filter((f) => !f.quorumMet))
			for (const action of deciding)
				expect(allowed(action, facts), `${action} in ${JSON.stringify(facts)}`).toBe(false);
	});

	it('decides only in an open meeting', () => {
		for (const facts of everyState.filter((f) => f.status !== 'open'))
			for (const action of [...deciding, 'withdraw-motion', 'close-meeting'] as RoomAction[])
				expect(allowed(action, facts)).toBe(false);
	});

	it('withdraws a motion only while it is suspended for lack of quorum', () => {
		for (const facts of everyState)
			expect(allowed('withdraw-motion', facts)).toBe(
				!facts.cancelled && facts.status === 'open' && isMotionSuspended(facts)
			);
	});

	it('opens a meeting once, never again once open or closed', () => {
		for (const facts of everyState)
			expect(allowed('open', facts)).toBe(!facts.cancelled && facts.status === 'scheduled');
	});

	it('closes an open meeting only with no motion under way, suspended or not', () => {
		for (const facts of everyState)
			expect(allowed('close-meeting', facts)).toBe(
				!facts.cancelled && facts.status === 'open' && facts.motion === null
			);
	});

	it('takes attendance, agenda moves and turns to speak before and during the meeting, whatever the quorum', () => {
		const everyday: RoomAction[] = [
			'check-in',
			'check-out',
			'move-agenda',
			'request-floor',
			'withdraw-floor',
			'grant-floor',
			'finish-floor',
			'move-floor'
		];
		for (const facts of everyState)
			for (const action of everyday)
				expect(allowed(action, facts)).toBe(!facts.cancelled && facts.status !== 'closed');
	});

	it('walks a motion through its phases with quorum', () => {
		const open = (motion: RoomFacts['motion']): RoomFacts => ({
			status: 'open',
			cancelled: false,
			quorumMet: true,
			motion
		});
		expect(checkRoomAction('propose', open(null))).toEqual({ ok: true });
		expect(checkRoomAction('propose', open('consensus'))).toEqual({
			ok: false,
			reason: 'motion-already-open'
		});
		expect(checkRoomAction('object', open(null))).toEqual({ ok: false, reason: 'no-open-motion' });
		expect(checkRoomAction('object', open('consensus'))).toEqual({ ok: true });
		expect(checkRoomAction('object', open('voting'))).toEqual({
			ok: false,
			reason: 'not-in-consensus'
		});
		expect(checkRoomAction('open-vote', open('voting'))).toEqual({
			ok: false,
			reason: 'not-in-consensus'
		});
		expect(checkRoomAction('cast-ballot', open('consensus'))).toEqual({
			ok: false,
			reason: 'not-voting'
		});
		expect(checkRoomAction('cast-ballot', open('voting'))).toEqual({ ok: true });
		expect(checkRoomAction('close-motion', open('consensus'))).toEqual({ ok: true });
		expect(checkRoomAction('close-motion', open('voting'))).toEqual({ ok: true });
		expect(checkRoomAction('withdraw-motion', open('voting'))).toEqual({
			ok: false,
			reason: 'motion-not-suspended'
		});
	});

	it('says a motion is suspended, not missing, when quorum is lost while it is under way', () => {
		const lost = { status: 'open', cancelled: false, quorumMet: false } as const;
		expect(checkRoomAction('cast-ballot', { ...lost, motion: 'voting' })).toEqual({
			ok: false,
			reason: 'motion-suspended'
		});
		expect(checkRoomAction('close-motion', { ...lost, motion: 'consensus' })).toEqual({
			ok: false,
			reason: 'motion-suspended'
		});
		expect(checkRoomAction('propose', { ...lost, motion: null })).toEqual({
			ok: false,
			reason: 'quorum-not-met'
		});
		expect(isMotionSuspended({ quorumMet: false, motion: null })).toBe(false);
		expect(isMotionSuspended({ quorumMet: true, motion: 'voting' })).toBe(false);
		expect(isMotionSuspended({ quorumMet: false, motion: 'consensus' })).toBe(true);
	});
});
