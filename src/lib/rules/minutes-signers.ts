/**
 * Who signs a meeting's minutes, and whether a person may sign (or refuse to sign) a version now.
 *
 * Articles: the minutes are approved, initialed on every page and signed at the bottom "por todos
 * los integrantes … que hayan participado" (Z art. 7.5) or "por todos los integrantes del STL/STM"
 * (I III.6, T III.6); a copy goes to each member (Z art. 7.6, I III.7, T III.7). The body's rules
 * carry the choice as `minutes.signedBy` and `minutes.approvalRequired`.
 *
 * Readings where the documents are silent: *integrantes* are the seat holders. With 'all-members'
 * every seat's titular signs, and so does any substitute who took part (they spoke for the seat);
 * with 'members-who-took-part', each titular and substitute who was checked in at any time of the
 * meeting signs. The facilitator drafts the minutes (Z art. 9.3) but is not an *integrante*, so
 * is not a signer. Order: by seat, titular before substitute.
 *
 * Glossary: firma → signature; negativa a firmar → refusal; integrante → seat holder;
 * aprobación → approval; versión → version.
 */
import type { BodyRules } from './body-rules';

export interface SignerCandidate {
	memberId: string;
	role: string;
	/** The seat's key, for titulares and substitutes. */
	seatId: string | null;
}

/** The members who must sign the minutes of a meeting, by the body's rules. */
export function listMinutesSigners(
	rules: Pick<BodyRules, 'minutes' | 'seats'>,
	people: readonly SignerCandidate[],
	tookPart: ReadonlySet<string>
): string[] {
	const seatOrder = new Map(rules.seats.map((seat, index) => [seat.id, index]));
	const holders = people.filter(
		(p) =>
			(p.role === 'titular' || p.role === 'substitute') &&
			p.seatId !== null &&
			seatOrder.has(p.seatId)
	);
	const signs = (p: SignerCandidate) =>
		rules.minutes.signedBy === 'all-members'
			? p.role === 'titular' || tookPart.has(p.memberId)
			: tookPart.has(p.memberId);
	return holders
		.filter(signs)
		.sort(
			(a, b) =>
				seatOrder.get(a.seatId!)! - seatOrder.get(b.seatId!)! ||
				(a.role === 'titular' ? 0 : 1) - (b.role === 'titular' ? 0 : 1)
		)
		.map((p) => p.memberId);
}

export type MinutesSignRefusal = 'not-approved' | 'not-a-signer' | 'already-decided' | 'superseded';

/**
 * Whether a member may sign or refuse to sign a version now: it must be approved when the rules
 * require approval, be the newest version, the member must be one of its signers, and not have
 * signed or refused it already (a signature stands; a version never changes).
 */
export function checkMinutesSignature(input: {
	approvalRequired: boolean;
	approved: boolean;
	newest: boolean;
	signers: readonly string[];
	decided: readonly string[];
	memberId: string;
}): { ok: true } | { ok: false; reason: MinutesSignRefusal } {
	if (!input.newest) return { ok: false, reason: 'superseded' };
	if (input.approvalRequired && !input.approved) return { ok: false, reason: 'not-approved' };
	if (!input.signers.includes(input.memberId)) return { ok: false, reason: 'not-a-signer' };
	if (input.decided.includes(input.memberId)) return { ok: false, reason: 'already-decided' };
	return { ok: true };
}
