/**
 * Quorum: whether enough seats are present for a meeting to be held. No quorum, no meeting.
 *
 * Articles: Z art. 7.1 (50 % + 1 of the members, titulares or their substitutes; without quorum the
 * meeting may not be held), I III.2 (all three members or their substitutes), T III.2 (50 % + 1; the
 * substitute attends when the titular cannot), Z art. 8 I (the quorum check opens every meeting).
 * RULES.md defaults: a seat counts once, whether its titular, its substitute or both are present;
 * remote attendance counts when the rules say so (see attendance.ts).
 *
 * Reading of "50 % + 1": the smallest whole number of seats greater than half of them,
 * floor(n / 2) + 1 — 4 of 7, 3 of 5, 2 of 3 — as the phrase is used in Mexican bodies, not a literal
 * 0.5 × n + 1 rounded up (which would ask 5 of 7).
 *
 * Glossary: quórum → quorum; 50 % más 1 → 'majority'; todos los integrantes → 'all';
 * asiento / integrante → seat.
 */
import type { BodyRules } from './body-rules';
import { listPresentSeatHolders, type AttendanceRecord, type SeatRef } from './attendance';

export type QuorumRule = BodyRules['quorum'];

interface QuorumCount {
	/** Seats with their titular or substitute present, in the order of the body's seats. */
	seatsPresent: string[];
	/** Of those, the seats whose present holders are all remote (the minutes name them). */
	seatsPresentRemotely: string[];
	/** Seats with nobody present. */
	seatsMissing: string[];
	seatsNeeded: number;
}

export type QuorumResult =
	| (QuorumCount & { ok: true })
	| (QuorumCount & { ok: false; reason: 'quorum-not-met'; shortfall: number });

/**
 * The number of seats a quorum needs for a body of `seatCount` seats. The quorum check below and the
 * rules' own validation (a fixed quorum may not fall below the majority) call it.
 */
export function computeRequiredQuorum(quorum: QuorumRule, seatCount: number): number {
	if (quorum.kind === 'all') return seatCount;
	if (quorum.kind === 'fixed') return quorum.seats;
	return Math.floor(seatCount / 2) + 1;
}

/**
 * Whether the people checked in make quorum: met or not, which seats are present (each once, however
 * many of its holders came or however often the seat is listed), which are missing, how many are
 * needed. The meeting screen calls it on every check-in; the meeting layer calls it before opening
 * the meeting, and `castBallot` before each ballot.
 */
export function computeQuorum(
	rules: Pick<BodyRules, 'quorum' | 'substitutesPerSeat' | 'remoteAttendanceCounts'>,
	seats: readonly SeatRef[],
	attendance: readonly AttendanceRecord[]
): QuorumResult {
	const holders = listPresentSeatHolders(rules, seats, attendance);
	const seatsPresent: string[] = [];
	const seatsPresentRemotely: string[] = [];
	const seatsMissing: string[] = [];
	const seatIds = [...new Set(seats.map((seat) => seat.seatId))];
	for (const seatId of seatIds) {
		const seatHolders = holders.filter((record) => record.seatId === seatId);
		if (seatHolders.length === 0) seatsMissing.push(seatId);
		else seatsPresent.push(seatId);
		if (seatHolders.length > 0 && seatHolders.every((record) => record.remote))
			seatsPresentRemotely.push(seatId);
	}
	const seatsNeeded = computeRequiredQuorum(rules.quorum, seatIds.length);
	const count = { seatsPresent, seatsPresentRemotely, seatsMissing, seatsNeeded };
	if (seatsPresent.length >= seatsNeeded) return { ok: true, ...count };
	return {
		ok: false,
		reason: 'quorum-not-met',
		shortfall: seatsNeeded - seatsPresent.length,
		...count
	};
}
