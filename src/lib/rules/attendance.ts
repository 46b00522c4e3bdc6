/**
 * Who is checked in to a meeting, and which of them hold a seat there. Quorum (quorum.ts) and the
 * right to vote (voting-rights.ts) both start from `listPresentSeatHolders`.
 *
 * Articles: Z art. 2 III and T I.1 (one substitute per seat), Z art. 7.1 and I III.2 (titulares "or
 * their substitutes"), T III.2 (the substitute attends when its titular cannot), RULES.md defaults
 * (remote attendance counts when the person is checked in online, if the body's rules say so).
 * The data layer guarantees the substitute has "capacidad de toma de decisiones" (Z art. 7.1): a
 * registered substitute is taken to have it.
 *
 * Glossary: asistencia / pase de lista → attendance record; titular (propietario) → 'titular';
 * suplente → 'substitute'; facilitador → 'facilitator'; acompañante → 'companion';
 * invitado → 'guest'; observador social → 'observer'; a distancia / en línea → remote.
 */
import type { BodyRules } from './body-rules';

export type AttendanceRole =
	'titular' | 'substitute' | 'facilitator' | 'companion' | 'guest' | 'observer';

/** One person checked in to a meeting; `seatId` is the seat a titular or substitute holds. */
export interface AttendanceRecord {
	personId: string;
	seatId: string | null;
	role: AttendanceRole;
	remote: boolean;
}

/** A seat of the body as the data layer lists it. */
export interface SeatRef {
	seatId: string;
}

/** An attendance record of someone who holds one of the body's seats and counts as present. */
export type SeatHolderRecord = AttendanceRecord & {
	seatId: string;
	role: 'titular' | 'substitute';
};

/** The parameters of the rules that decide who counts as present. */
export type AttendanceRules = Pick<BodyRules, 'substitutesPerSeat' | 'remoteAttendanceCounts'>;

/**
 * The records of titulars and substitutes of the body's seats who count as present, in input order:
 * a substitute only if the body has substitutes, a remote person only if remote attendance counts;
 * records for unknown seats or without a seat are ignored. Quorum and voting rights call it.
 */
export function listPresentSeatHolders(
	rules: AttendanceRules,
	seats: readonly SeatRef[],
	attendance: readonly AttendanceRecord[]
): SeatHolderRecord[] {
	const seatIds = new Set(seats.map((seat) => seat.seatId));
	return attendance.filter((record): record is SeatHolderRecord => {
		if (record.seatId === null || !seatIds.has(record.seatId)) return false;
		if (record.role !== 'titular' && record.role !== 'substitute') return false;
		if (record.role === 'substitute' && rules.substitutesPerSeat === 0) return false;
		return rules.remoteAttendanceCounts || !record.remote;
	});
}
