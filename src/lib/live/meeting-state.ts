/**
 * The live state of a meeting as every screen receives it: written by the server only
 * ($lib/server/meetings), read by the phones, the console and the projector.
 */
export interface MeetingState {
	meetingId: string;
	status: 'scheduled' | 'open' | 'closed';
	currentItem: number;
	agenda: { position: number; kind: string; title: string }[];
	present: {
		memberId: string;
		name: string;
		role: string;
		seatId: string | null;
		remote: boolean;
	}[];
	quorum: { met: boolean; seatsPresent: number; seatsNeeded: number; seatCount: number };
	quorumLog: { met: boolean; seatsPresent: number; seatsNeeded: number; at: string }[];
	/** For each seat (by key) whose vote someone holds now, that member's id. */
	voters: Record<string, string>;
	/** The motion under way, if any: objections and ballots are per seat (keys). */
	motion: {
		id: string;
		text: string;
		status: 'consensus' | 'voting';
		objectingSeats: string[];
		votedSeats: string[];
		tally: { for: number; against: number; abstain: number };
	} | null;
	/** The speakers' list: the queue in order, and who has the floor since when (ISO time). */
	speakers: {
		queue: { id: string; memberId: string; name: string }[];
		current: { id: string; memberId: string; name: string; since: string } | null;
	};
	/** The motions closed in this meeting, with their outcome and agreement number. */
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
