/**
 * Every reason a change of the meeting's room can be refused with (the rules under the lock, the
 * decision and speakers' modules), in the person's language: the meeting page's actions answer a
 * refusal with it (409), never with an error page.
 */
import { m } from '$lib/paraglide/messages';
import type { RoomActionRefusal } from '$lib/rules';
import type { DecisionRefusal } from '$lib/server/meetings/decisions';
import type { SpeakerRefusal } from '$lib/server/meetings/speakers';
import type { RemovalVoteRefusal } from '$lib/server/meetings/removals';

export type RoomRefusal =
	RoomActionRefusal | DecisionRefusal | SpeakerRefusal | RemovalVoteRefusal | 'meeting-unknown';

export const roomRefusalMessages: Record<RoomRefusal, () => string> = {
	'meeting-unknown': m.decision_refused_meeting_unknown,
	'meeting-cancelled': m.meeting_refused_cancelled,
	'meeting-closed': m.meeting_refused_closed,
	'meeting-not-open': m.room_refused_meeting_not_open,
	'meeting-not-closed': m.minutes_refused_not_closed,
	'meeting-already-open': m.room_refused_meeting_already_open,
	'quorum-not-met': m.decision_refused_quorum_not_met,
	'motion-already-open': m.decision_refused_motion_already_open,
	'no-open-motion': m.decision_refused_no_open_motion,
	'not-in-consensus': m.decision_refused_not_in_consensus,
	'not-voting': m.decision_refused_not_voting,
	'motion-suspended': m.room_refused_motion_suspended,
	'motion-not-suspended': m.room_refused_motion_not_suspended,
	'motion-open': m.minutes_refused_motion_open,
	'not-seat-voter': m.decision_refused_not_seat_voter,
	'seat-already-voted': m.decision_refused_seat_already_voted,
	'vote-required': m.decision_refused_vote_required,
	'already-waiting': m.speakers_refused_already_waiting,
	'not-waiting': m.speakers_refused_not_waiting,
	'proposal-unknown': m.removal_refused_proposal_unknown
};
