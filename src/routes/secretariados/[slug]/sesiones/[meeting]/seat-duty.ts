/**
 * What the live room asks of one of the signed-in person's memberships right now — the phone's
 * duty card shows it first (issue 11): check in until they have; then, while a consensus round or
 * a vote is under way, their objection or ballot, or why not ("Tu asiento ya votó", "Vota tu
 * suplente", "Votación suspendida: no hay quórum"); otherwise follow the item under way.
 * Pure: read from the live state (meeting-state.ts) the server wrote.
 */
import type { MeetingState } from '$lib/live/meeting-state';

export type SeatDuty =
	| { kind: 'check-in' }
	| { kind: 'follow' }
	| { kind: 'suspended' }
	| { kind: 'object'; seat: string }
	| { kind: 'objected' }
	| { kind: 'ballot'; seat: string }
	| { kind: 'voted' }
	/** The seat's vote is held by the other member of the seat (the titular or the substitute). */
	| { kind: 'other-holds'; holder: 'titular' | 'substitute' }
	/** No vote to cast through this membership (a companion, a guest, an observer, a facilitator). */
	| { kind: 'no-vote' };

/** The duty of membership `member` (id and role) in the room as `state` shows it. */
export function readSeatDuty(state: MeetingState, member: { id: string; role: string }): SeatDuty {
	const present = state.present.find((p) => p.memberId === member.id);
	if (!present && state.status !== 'closed' && state.status !== 'cancelled')
		return { kind: 'check-in' };
	const motion = state.motion;
	if (state.status !== 'open' || !motion) return { kind: 'follow' };
	const held = Object.entries(state.voters).find(([, id]) => id === member.id)?.[0];
	const seat = held ?? present?.seatId ?? null;
	if (!seat) return { kind: 'no-vote' };
	if (motion.suspended) return { kind: 'suspended' };
	if (motion.status === 'consensus') {
		if (motion.objectingSeats.includes(seat)) return { kind: 'objected' };
	} else if (motion.votedSeats.includes(seat)) return { kind: 'voted' };
	if (!held) {
		const holderId = state.voters[seat];
		const holder = state.present.find((p) => p.memberId === holderId);
		return holder
			? { kind: 'other-holds', holder: holder.role === 'substitute' ? 'substitute' : 'titular' }
			: { kind: 'no-vote' };
	}
	return motion.status === 'consensus' ? { kind: 'object', seat } : { kind: 'ballot', seat };
}

/** Whether the duty asks for a tap now: the phone vibrates and brings the card into view. */
export const dutyCallsForTap = (duty: SeatDuty) => duty.kind === 'object' || duty.kind === 'ballot';
