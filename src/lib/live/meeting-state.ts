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
}
