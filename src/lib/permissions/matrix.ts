/**
 * The permission matrix: which role may take which action, in one place. Every server route and
 * the WebSocket server ask `can()` (through the access helpers in $lib/server/secretariats), and
 * docs/PERMISSIONS.md shows this table. The body's rules then narrow some actions at the moment of
 * acting — who of a seat's titular and substitute holds the vote, whether quorum stands — in
 * $lib/rules; the matrix says who may ever take the action.
 *
 * Articles: facilitator with voice and no vote (I III.9, T III.9); companions and guests with voice
 * and no vote (Z art. 7.10–11); substitutes vote only for an absent titular (Z art. 2 III, T III.2);
 * observers attend (Z art. 7.7, I III.10, T III.10); the minutes are drafted by the facilitator
 * (Z art. 9.3) and co-edited here by everyone with voice.
 *
 * Glossary: administrador(a) de la instancia → instance-admin; administrador(a) del secretariado →
 * secretariat-admin; facilitador(a) → facilitator; titular → titular; suplente → substitute;
 * acompañante → companion; invitado → guest; observador(a) social → observer; público → public.
 */

export const roles = [
	'instance-admin',
	'secretariat-admin',
	'facilitator',
	'titular',
	'substitute',
	'companion',
	'guest',
	'observer',
	'public'
] as const;
export type Role = (typeof roles)[number];

/** The roles a person holds inside one secretariat (stored on their membership). */
export const memberRoles = [
	'secretariat-admin',
	'facilitator',
	'titular',
	'substitute',
	'companion',
	'guest',
	'observer'
] as const satisfies readonly Role[];
export type MemberRole = (typeof memberRoles)[number];

const admins = ['instance-admin', 'secretariat-admin'] as const;
const members = [
	'secretariat-admin',
	'facilitator',
	'titular',
	'substitute',
	'companion',
	'guest',
	'observer'
] as const;
const withVoice = ['facilitator', 'titular', 'substitute', 'companion', 'guest'] as const;
const seatHolders = ['titular', 'substitute'] as const;

/** Each action and the roles that may take it. */
export const permissionMatrix = {
	'secretariat.create': ['instance-admin'],
	'secretariat.view': ['instance-admin', ...members],
	'secretariat.edit-rules': admins,
	'secretariat.manage-members': admins,
	'secretariat.view-contacts': [...admins, 'facilitator', 'titular', 'substitute'],
	'installation-record.view': ['instance-admin', ...members],
	'meeting.convene': [...admins, 'facilitator', 'titular'],
	'meeting.propose-agenda-item': [...seatHolders, 'facilitator'],
	'meeting.check-in': ['facilitator', 'titular', 'substitute', 'companion', 'guest', 'observer'],
	'meeting.check-in-others': ['facilitator'],
	'meeting.advance-agenda': ['facilitator'],
	'meeting.view-live': [...members, 'instance-admin', 'public'],
	'minutes.edit': withVoice,
	'minutes.read': ['instance-admin', ...members, 'public'],
	'floor.request': withVoice,
	'floor.grant': ['facilitator'],
	'motion.propose': ['facilitator'],
	'motion.object': seatHolders,
	'vote.open-close': ['facilitator'],
	'ballot.cast': seatHolders,
	// The action plan (PAL/PAM, I II.2–3 and 6): everyone in the body reads it; admins and the
	// facilitator keep it; seat holders report progress, only on their own commitments (checked
	// in $lib/server/plan/access.ts).
	'plan.view': ['instance-admin', ...members],
	'plan.edit': [...admins, 'facilitator'],
	'plan.report-progress': [...seatHolders, 'facilitator'],
	// The public website (Z art. 7.9, I III.12, T III.12): its content, its inbox (the facilitator
	// answers the public, Z art. 9) and the requests to join (listed for the body's admins).
	'public-site.manage': [...admins, 'facilitator'],
	'public-requests.answer': [...admins, 'facilitator'],
	'join-requests.view': admins,
	// The minutes' lifecycle and the body's documents (Z art. 7.5–6, 9.3; I III.6–7; T III.6–7):
	// the facilitator closes the meeting, records the body's approval and freezes corrections; the
	// seat holders sign (the rules then name which of them); members download the documents.
	'meeting.close': ['facilitator'],
	// Removing a member (Z art. 5, I I.3, T I.3): seat holders propose and support it (the rules
	// then count seats other than the member's own); everyone in the body follows the proposals.
	'removal.propose': seatHolders,
	'removal.view': ['instance-admin', ...members],
	'minutes.comment': withVoice,
	'minutes.approve': ['facilitator'],
	'minutes.sign': seatHolders,
	'documents.download': ['instance-admin', ...members],
	// Convening, cancelling, observers and the agreements register (Z art. 7.3–7.7, 8 IV, 9, 11).
	'convocation.view': ['instance-admin', ...members],
	'convocation.integrate-proposals': [...admins, 'facilitator'],
	'convocation.view-delivery-log': [...admins, 'facilitator'],
	'meeting.approve-cancellation': seatHolders,
	'meeting.invite-observers': [...admins, 'facilitator', 'titular'],
	'agreements.view': ['instance-admin', ...members],
	'agreements.follow-up': [...admins, 'facilitator'],
	// The monthly dispatch to the oversight body (I III.8, V.5; T III.8, VI.12; Z art. 11 III): the
	// seat holders and the facilitator see what is due; the rules then name who sends
	// (rules/dispatch-schedule.ts). The end-of-term hand-over package (Z art. 5, I I.7, T I.6) is for
	// the body's own members who hand over or receive: not for an instance admin from outside.
	'dispatch.view': [...admins, 'facilitator', ...seatHolders],
	'minutes.dispatch': [...admins, 'facilitator', ...seatHolders],
	'handover.download': ['secretariat-admin', 'facilitator', ...seatHolders]
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissionMatrix;
export const actions = Object.keys(permissionMatrix) as Action[];

/** Whether any of the roles may take the action. */
export function can(heldRoles: Iterable<Role>, action: Action): boolean {
	const allowed: readonly Role[] = permissionMatrix[action];
	for (const role of heldRoles) if (allowed.includes(role)) return true;
	return false;
}
