/**
 * Who may vote for a seat right now, and who may speak.
 *
 * Articles: Z art. 7 and I III.1, T III.1 (members have voice and vote), Z art. 7.1 and T III.2 (the
 * substitute acts when its titular cannot), I III.9 and T III.9 (the facilitator: voice without vote;
 * Zacatecas is silent, the product's default applies), Z art. 7.10–11 (companions and guests: voice
 * without vote), Z art. 7.7, I III.10, T III.10 (observers attend; no document gives them voice).
 * RULES.md defaults: one vote per seat; the present titular votes, otherwise the present substitute.
 *
 * Reading: a substitute present together with its titular is there as the documents' companion of a
 * member would be — voice without vote (Z art. 7.10–11); it recovers the vote the moment its titular
 * is no longer checked in. The public (anyone not checked in) has neither voice nor vote.
 *
 * Glossary: voz → voice; voto → vote; voz sin voto → 'voice'; voz y voto → 'voice-and-vote';
 * público → not checked in.
 */
import type { BodyRules } from './body-rules';
import {
	listPresentSeatHolders,
	type AttendanceRecord,
	type AttendanceRules,
	type SeatRef
} from './attendance';

export type SeatVoter =
	| { ok: true; seatId: string; personId: string; role: 'titular' | 'substitute'; remote: boolean }
	| { ok: false; reason: 'seat-unknown' | 'seat-absent'; seatId: string };

export type Participation = 'voice-and-vote' | 'voice' | 'none';

/** Why a person has the participation they have; the UI shows it beside the name. */
export type ParticipationBasis =
	| 'seat-voter'
	| 'another-holder-votes'
	| 'facilitator'
	| 'companion'
	| 'guest'
	| 'observer'
	| 'remote-not-counted'
	| 'not-a-seat-holder'
	| 'not-checked-in';

export interface ParticipationRights {
	personId: string;
	participation: Participation;
	basis: ParticipationBasis;
}

const participationRank: Record<Participation, number> = { 'voice-and-vote': 2, voice: 1, none: 0 };

/**
 * The one person who may cast the ballot of a seat right now: its present titular, else its present
 * substitute, else nobody ('seat-absent'). If the data layer ever lists two titulars of a seat, the
 * first record wins. `castBallot` calls it; the voting screen calls it to enable each seat's buttons.
 */
export function findSeatVoter(
	rules: AttendanceRules,
	seats: readonly SeatRef[],
	attendance: readonly AttendanceRecord[],
	seatId: string
): SeatVoter {
	if (!seats.some((seat) => seat.seatId === seatId))
		return { ok: false, reason: 'seat-unknown', seatId };
	const holders = listPresentSeatHolders(rules, seats, attendance).filter(
		(record) => record.seatId === seatId
	);
	const voter =
		holders.find((record) => record.role === 'titular') ??
		holders.find((record) => record.role === 'substitute');
	if (!voter) return { ok: false, reason: 'seat-absent', seatId };
	return { ok: true, seatId, personId: voter.personId, role: voter.role, remote: voter.remote };
}

function rateRecord(
	rules: AttendanceRules & Pick<BodyRules, 'attendeeVoice'>,
	seats: readonly SeatRef[],
	attendance: readonly AttendanceRecord[],
	record: AttendanceRecord
): Omit<ParticipationRights, 'personId'> {
	switch (record.role) {
		case 'facilitator':
			return { participation: 'voice', basis: 'facilitator' };
		case 'companion':
			return {
				participation: rules.attendeeVoice.companions ? 'voice' : 'none',
				basis: 'companion'
			};
		case 'guest':
			return { participation: rules.attendeeVoice.guests ? 'voice' : 'none', basis: 'guest' };
		case 'observer':
			return { participation: 'none', basis: 'observer' };
		default: {
			if (!listPresentSeatHolders(rules, seats, [record]).length) {
				const basis =
					record.remote && !rules.remoteAttendanceCounts
						? 'remote-not-counted'
						: 'not-a-seat-holder';
				return { participation: 'none', basis };
			}
			const voter = findSeatVoter(rules, seats, attendance, record.seatId ?? '');
			if (voter.ok && voter.personId === record.personId)
				return { participation: 'voice-and-vote', basis: 'seat-voter' };
			return { participation: 'voice', basis: 'another-holder-votes' };
		}
	}
}

/**
 * What a person may do in the meeting right now: voice and vote (the seat's voter), voice only
 * (facilitator, companions, guests as the rules say, a substitute beside its titular) or neither
 * (observers, the public). A person with several records gets the widest. The meeting screen calls it
 * for each attendee's badge and before giving someone the floor.
 */
export function computeParticipationRights(
	rules: AttendanceRules & Pick<BodyRules, 'attendeeVoice'>,
	seats: readonly SeatRef[],
	attendance: readonly AttendanceRecord[],
	personId: string
): ParticipationRights {
	let best: Omit<ParticipationRights, 'personId'> = {
		participation: 'none',
		basis: 'not-checked-in'
	};
	for (const record of attendance.filter((entry) => entry.personId === personId)) {
		const rated = rateRecord(rules, seats, attendance, record);
		if (
			best.basis === 'not-checked-in' ||
			participationRank[rated.participation] > participationRank[best.participation]
		)
			best = rated;
	}
	return { personId, ...best };
}
