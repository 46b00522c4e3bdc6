/**
 * The live state of a meeting as every screen receives it: written by the server only
 * ($lib/server/meetings/room-state.ts), read by the phones, the console and the projector. The
 * public view receives the same state with the names of people who did not consent to
 * publication left out (`name: null`: show their role instead).
 */
export interface MeetingState {
	meetingId: string;
	/** `cancelled`: every seat approved calling it off (Z art. 7.4); it takes nothing. */
	status: 'scheduled' | 'open' | 'closed' | 'cancelled';
	currentItem: number;
	agenda: { position: number; kind: string; title: string }[];
	present: {
		memberId: string;
		name: string | null;
		role: string;
		seatId: string | null;
		remote: boolean;
	}[];
	quorum: { met: boolean; seatsPresent: number; seatsNeeded: number; seatCount: number };
	/** Every change of the quorum; `motionEvent` when it suspended or resumed the motion under way. */
	quorumLog: {
		met: boolean;
		seatsPresent: number;
		seatsNeeded: number;
		at: string;
		motionEvent: 'suspended' | 'resumed' | null;
	}[];
	/** For each seat (by key) whose vote someone holds now, that member's id. */
	voters: Record<string, string>;
	/**
	 * The motion under way, if any: objections and ballots are per seat (keys). `suspended` while
	 * the meeting has no quorum: nothing is decided until it returns (Z art. 7.1), when the motion
	 * resumes in its phase with the ballots already cast; the facilitator may withdraw it instead.
	 */
	motion: {
		id: string;
		text: string;
		status: 'consensus' | 'voting';
		suspended: boolean;
		objectingSeats: string[];
		votedSeats: string[];
		tally: { for: number; against: number; abstain: number };
	} | null;
	/**
	 * The speakers' list: the queue in order, who has the floor since when (ISO time), and the
	 * speaking-time limit the facilitator set, in seconds (null: none; speaking-limit.ts).
	 */
	speakers: {
		limitSeconds: number | null;
		queue: { id: string; memberId: string; name: string | null; role: string }[];
		current: {
			id: string;
			memberId: string;
			name: string | null;
			role: string;
			since: string;
		} | null;
	};
	/**
	 * The motions closed in this meeting, with their outcome and agreement number; a motion withdrawn
	 * while suspended has `carried: false` and `reason: 'withdrawn-no-quorum'`.
	 */
	decisions: {
		id: string;
		text: string;
		carried: boolean;
		reason: string;
		votesFor: number;
		votesAgainst: number;
		abstentions: number;
		agreementNumber: number | null;
	}[];
}
