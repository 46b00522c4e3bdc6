/**
 * Whether a change of a meeting's room may happen in the state the room is in: the one decision
 * every tap in the room goes through, made under the meeting's row lock by the room-change engine
 * (src/lib/server/meetings/room-change.ts), never before it.
 *
 * Articles: no quorum, no session — Z art. 7.1, I III.2, T III.2: while the meeting has no quorum
 * nothing is decided (no motion proposed, no consensus recorded, no vote opened, no ballot
 * counted, no vote closed into an agreement); a cancellation approved by every seat ends the
 * meeting before it is held (Z art. 7.4, I III.5, T III.5); the minutes are frozen when the
 * facilitator closes the meeting (Z art. 7.5, 9.3), and nothing changes the record after that.
 *
 * Readings (where the documents are silent):
 *   - A motion under way when quorum is lost is *suspended*, whether in its consensus round or in
 *     its vote: no objection, ballot or close is taken; it resumes as it was (ballots already cast
 *     stand) when quorum returns. The facilitator may instead withdraw it, and only then: a motion
 *     with quorum is decided, not withdrawn.
 *   - Before the facilitator opens the meeting people check in (the quorum check is item I of the
 *     order, Z art. 8), ask for the floor and the agenda may be moved; motions wait for the opening.
 *   - A closed meeting takes nothing but a corrected version of its minutes; a cancelled one takes
 *     nothing at all, and is never opened.
 *   - Who holds a seat's vote (titular, else substitute) is decided by voting-rights.ts with the
 *     same attendance read under the same lock.
 *
 * Glossary: sesión abierta → status 'open'; sesión cerrada → 'closed'; sesión cancelada →
 * `cancelled`; votación suspendida → suspended motion; retirar la propuesta → withdraw-motion.
 */

export type RoomAction =
	| 'check-in'
	| 'check-out'
	| 'open'
	| 'move-agenda'
	| 'propose'
	| 'object'
	| 'open-vote'
	| 'cast-ballot'
	| 'close-motion'
	| 'withdraw-motion'
	| 'request-floor'
	| 'withdraw-floor'
	| 'grant-floor'
	| 'finish-floor'
	| 'move-floor'
	| 'close-meeting'
	| 'freeze-correction';

export const roomActions: readonly RoomAction[] = [
	'check-in',
	'check-out',
	'open',
	'move-agenda',
	'propose',
	'object',
	'open-vote',
	'cast-ballot',
	'close-motion',
	'withdraw-motion',
	'request-floor',
	'withdraw-floor',
	'grant-floor',
	'finish-floor',
	'move-floor',
	'close-meeting',
	'freeze-correction'
];

/** What the engine read under the lock: all a room action's admissibility depends on. */
export interface RoomFacts {
	status: 'scheduled' | 'open' | 'closed';
	cancelled: boolean;
	quorumMet: boolean;
	/** The phase of the motion under way, or null when none is. */
	motion: 'consensus' | 'voting' | null;
}

export type RoomActionRefusal =
	| 'meeting-cancelled'
	| 'meeting-closed'
	| 'meeting-not-open'
	| 'meeting-not-closed'
	| 'meeting-already-open'
	| 'quorum-not-met'
	| 'motion-already-open'
	| 'no-open-motion'
	| 'not-in-consensus'
	| 'not-voting'
	| 'motion-suspended'
	| 'motion-not-suspended'
	| 'motion-open';

export type RoomActionCheck = { ok: true } | { ok: false; reason: RoomActionRefusal };

const OK: RoomActionCheck = { ok: true };
const refuse = (reason: RoomActionRefusal): RoomActionCheck => ({ ok: false, reason });

/** Whether the motion under way is suspended: there is one, and the meeting has lost its quorum. */
export function isMotionSuspended(facts: Pick<RoomFacts, 'quorumMet' | 'motion'>): boolean {
	return facts.motion !== null && !facts.quorumMet;
}

/**
 * Whether `action` may change the room now. Order of the answers: an ended meeting first (nothing
 * happens in it), then whether it is open for motions, then quorum, then the motion's phase. The
 * room-change engine calls it under the meeting's row lock with what it read there.
 */
export function checkRoomAction(action: RoomAction, facts: RoomFacts): RoomActionCheck {
	if (facts.cancelled) return refuse('meeting-cancelled');
	if (action === 'freeze-correction')
		return facts.status === 'closed' ? OK : refuse('meeting-not-closed');
	if (facts.status === 'closed') return refuse('meeting-closed');

	switch (action) {
		case 'check-in':
		case 'check-out':
		case 'move-agenda':
		case 'request-floor':
		case 'withdraw-floor':
		case 'grant-floor':
		case 'finish-floor':
		case 'move-floor':
			return OK;
		case 'open':
			return facts.status === 'scheduled' ? OK : refuse('meeting-already-open');
		case 'close-meeting':
			if (facts.status !== 'open') return refuse('meeting-not-open');
			// A motion under way (suspended or not) would be missing from the minutes.
			return facts.motion ? refuse('motion-open') : OK;
		case 'withdraw-motion':
			if (facts.status !== 'open') return refuse('meeting-not-open');
			if (!facts.motion) return refuse('no-open-motion');
			return isMotionSuspended(facts) ? OK : refuse('motion-not-suspended');
		case 'propose':
			if (facts.status !== 'open') return refuse('meeting-not-open');
			if (facts.motion) return refuse('motion-already-open');
			return facts.quorumMet ? OK : refuse('quorum-not-met');
		case 'object':
		case 'open-vote':
		case 'cast-ballot':
		case 'close-motion':
			return checkMotionStep(action, facts);
	}
}

/** An objection, the opening of the vote, a ballot or the close: a motion under way, with quorum. */
function checkMotionStep(
	action: 'object' | 'open-vote' | 'cast-ballot' | 'close-motion',
	facts: RoomFacts
): RoomActionCheck {
	if (facts.status !== 'open') return refuse('meeting-not-open');
	if (!facts.motion) return refuse('no-open-motion');
	if (!facts.quorumMet) return refuse('motion-suspended');
	if ((action === 'object' || action === 'open-vote') && facts.motion !== 'consensus')
		return refuse('not-in-consensus');
	if (action === 'cast-ballot' && facts.motion !== 'voting') return refuse('not-voting');
	return OK;
}
