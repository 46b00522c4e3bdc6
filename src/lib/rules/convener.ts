/**
 * Who may draft and who may issue a convocatoria.
 *
 * Articles: Z art. 11 I and I V.2 — the organismo garante convenes; T VI.2 — the facilitator
 * convenes; Z art. 9, I VI, T VI — the facilitator drafts the agenda, receives and integrates the
 * members' proposals and forwards them to the convener before each convocatoria.
 *
 * Readings:
 *   - "the organismo garante" acts through the titular or, in their place, the substitute of the seat
 *     whose sector is 'guarantor'.
 *   - The facilitator may always draft (the agenda is theirs to draft); only the convener issues.
 *   - The body's administrators (and the instance's) administer the body and may draft and issue on
 *     the convener's behalf: they are the ones who keep the app, not members of the body.
 *
 * Glossary: convocar → convene / issue; convocatoria → convocation (notice); organismo garante →
 * 'guarantor'; proyecto de orden del día → draft agenda.
 */
import type { BodyRules, Sector } from './body-rules';

/** What the convener rule needs to know of a person: their roles and the sectors of their seats. */
export interface ConvenerCandidate {
	roles: readonly string[];
	/** The sectors of the seats the person holds as titular or substitute. */
	seatSectors: readonly Sector[];
}

export type ConvenerCheck = { ok: true } | { ok: false; reason: 'not-convener' };

const ADMIN_ROLES = ['instance-admin', 'secretariat-admin'];

/**
 * Whether the person may 'draft' or 'issue' a convocatoria of this body. The convocatoria pages call
 * it after the permission matrix (`meeting.convene`) let the person in.
 */
export function checkConvener(
	rules: Pick<BodyRules, 'convenedBy'>,
	candidate: ConvenerCandidate,
	act: 'draft' | 'issue'
): ConvenerCheck {
	const has = (role: string) => candidate.roles.includes(role);
	if (ADMIN_ROLES.some(has)) return { ok: true };
	if (has('facilitator') && (act === 'draft' || rules.convenedBy === 'facilitator'))
		return { ok: true };
	if (rules.convenedBy === 'guarantor' && candidate.seatSectors.includes('guarantor'))
		return { ok: true };
	return { ok: false, reason: 'not-convener' };
}
