/**
 * The people of a secretariat: the titular and substitute of each seat, the facilitator,
 * companions, guests, observers and the body's admins — with the contact data the installation act
 * lists (I VIII: organisation, representative, contact). Seats change only when the body's rules,
 * validated whole with the new list of seats, still hold (seat count, guarantor seat, civil society).
 */
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { invitations, members, seats, users, type Member } from '../db/schema';
import { INVITATION_LIFETIME_MS } from '../auth/invitations';
import { generateSecret, hashSecret } from '../auth/tokens';
import { parseBodyRules, type BodyRules } from '../../rules';
import type { MemberRole } from '../../permissions/matrix';
import { withLockedSecretariat, type LoadedSecretariat, type RulesIssues } from './secretariats';
import { normalizeEmail } from '../auth/accounts';
import { isUniqueViolation } from '../db/errors';
import { recheckLoginSockets } from '../login-sockets';

/** After a commit that took people out of the body: their open connections are re-checked now. */
function recheckRemoved(userIds: (string | null)[]): void {
	for (const userId of new Set(userIds)) if (userId) recheckLoginSockets({ userId });
}

export interface Person {
	name: string;
	position: string;
	email: string;
	phone: string;
}

/** A seat holder: a person with the term they serve (Z art. 5, I I.4–5, T I.4). */
export interface SeatHolder extends Person {
	termStartsOn: string | null;
	termEndsOn: string | null;
	reelections: number;
}

export interface SeatInput {
	sector: BodyRules['seats'][number]['sector'];
	organisation: string;
	titular: SeatHolder;
	substitute: SeatHolder | null;
}

/** Everyone of a secretariat, seat holders first in seat order. */
export function listMembers(db: Database, secretariatId: string): Promise<Member[]> {
	return db
		.select()
		.from(members)
		.where(and(eq(members.secretariatId, secretariatId), isNull(members.endedAt)))
		.orderBy(asc(members.role), asc(members.name));
}

/** A free key for a new seat of a sector: 'academia', then 'academia-2', … */
function nextSeatKey(loaded: LoadedSecretariat, sector: string): string {
	const keys = new Set(loaded.seats.map((seat) => seat.key));
	let key = sector;
	for (let n = 2; keys.has(key); n++) key = `${sector}-${n}`;
	return key;
}

/**
 * Writes one seat holder (titular or substitute), replacing whoever held that place; returns the
 * account of a person who lost the place (null when nobody did).
 */
async function upsertSeatHolder(
	tx: Queryable,
	secretariatId: string,
	seatId: string,
	role: 'titular' | 'substitute',
	person: SeatHolder | null
): Promise<string | null> {
	const [current] = await tx
		.select()
		.from(members)
		.where(and(eq(members.seatId, seatId), eq(members.role, role)));
	if (!person) {
		if (current) await tx.delete(members).where(eq(members.id, current.id));
		return current?.userId ?? null;
	}
	const email = normalizeEmail(person.email);
	if (current) {
		// A different email is a different person: their account link does not carry over.
		const userId = current.email === email ? current.userId : null;
		await tx
			.update(members)
			.set({ ...person, email, userId })
			.where(eq(members.id, current.id));
		return userId === current.userId ? null : current.userId;
	}
	await tx.insert(members).values({ secretariatId, seatId, role, ...person, email });
	return null;
}

/**
 * Adds a seat (no `seatId`) or changes one, with its titular and substitute. The new list of seats
 * is validated against the body's rules first; when the rules refuse it, nothing is written.
 */
export async function saveSeat(
	db: Database,
	secretariatId: string,
	seatId: string | null,
	input: SeatInput
): Promise<SeatChange> {
	const change = await withLockedSecretariat<Committed>(db, secretariatId, async (tx, current) => {
		const existing = seatId ? current.seats.find((seat) => seat.id === seatId) : null;
		if (seatId && !existing) return { ok: false, reason: 'not-found' };
		const holders = [input.titular, input.substitute].filter((h): h is SeatHolder => h !== null);
		// Z art. 5, I I.5: re-election once at most where the rules set a limit.
		const limit = current.rules.term.maxReelections;
		if (limit !== null && holders.some((holder) => holder.reelections > limit)) {
			return {
				ok: false,
				issues: [{ path: 'term.maxReelections', code: 'rules.term.reelections-exceeded' }]
			};
		}
		const conflict = await findSeatConflict(tx, secretariatId, existing?.id ?? null, holders);
		if (conflict) return { ok: false, reason: conflict };
		const key = existing?.key ?? nextSeatKey(current, input.sector);
		const seatList = existing
			? current.rules.seats.map((seat) =>
					seat.id === key ? { id: key, sector: input.sector } : seat
				)
			: [...current.rules.seats, { id: key, sector: input.sector }];
		const parsed = parseBodyRules({ ...current.rules, seats: seatList });
		if (!parsed.ok) return { ok: false, issues: parsed.issues };
		let id = existing?.id;
		if (existing) {
			await tx
				.update(seats)
				.set({ sector: input.sector, organisation: input.organisation })
				.where(eq(seats.id, existing.id));
		} else {
			const [row] = await tx
				.insert(seats)
				.values({
					secretariatId,
					key,
					sector: input.sector,
					organisation: input.organisation,
					sortOrder: current.seats.length
				})
				.returning({ id: seats.id });
			id = row!.id;
		}
		const displaced = [
			await upsertSeatHolder(tx, secretariatId, id!, 'titular', input.titular),
			await upsertSeatHolder(tx, secretariatId, id!, 'substitute', input.substitute)
		];
		return { ok: true, displaced };
	});
	if (!change.ok) return change;
	recheckRemoved(change.displaced);
	return { ok: true };
}

export type SeatConflict = 'same-person-twice' | 'holder-is-facilitator';
/** A seat change as its transaction ends: with the accounts it took out of the body. */
type Committed = Exclude<SeatChange, { ok: true }> | { ok: true; displaced: (string | null)[] };
export type SeatChange =
	| { ok: true }
	| { ok: false; issues: RulesIssues }
	| { ok: false; reason: 'not-found' | SeatConflict };

/**
 * One seat, one vote (RULES.md defaults): a person holds one place among all the seats, and the
 * facilitator, who has voice without vote (I III.9, T III.9), holds none.
 */
async function findSeatConflict(
	tx: Queryable,
	secretariatId: string,
	seatId: string | null,
	holders: SeatHolder[]
): Promise<SeatConflict | null> {
	const emails = holders.map((holder) => normalizeEmail(holder.email)).filter(Boolean);
	if (new Set(emails).size < emails.length) return 'same-person-twice';
	if (emails.length === 0) return null;
	const others = await tx
		.select({ role: members.role, seatId: members.seatId })
		.from(members)
		.where(and(eq(members.secretariatId, secretariatId), inArray(members.email, emails)));
	if (others.some((other) => other.role === 'facilitator')) return 'holder-is-facilitator';
	if (others.some((other) => other.seatId !== null && other.seatId !== seatId))
		return 'same-person-twice';
	return null;
}

/** Removes a seat and its holders, when the rules still hold without it. */
export async function removeSeat(
	db: Database,
	secretariatId: string,
	seatId: string
): Promise<SeatChange> {
	const change = await withLockedSecretariat<Committed>(db, secretariatId, async (tx, current) => {
		const existing = current.seats.find((seat) => seat.id === seatId);
		if (!existing) return { ok: false, reason: 'not-found' };
		const parsed = parseBodyRules({
			...current.rules,
			seats: current.rules.seats.filter((s) => s.id !== existing.key)
		});
		if (!parsed.ok) return { ok: false, issues: parsed.issues };
		// The holders go with the seat (cascade).
		const holders = await tx
			.select({ userId: members.userId })
			.from(members)
			.where(eq(members.seatId, existing.id));
		await tx.delete(seats).where(eq(seats.id, existing.id));
		return { ok: true, displaced: holders.map((holder) => holder.userId) };
	});
	if (!change.ok) return change;
	recheckRemoved(change.displaced);
	return { ok: true };
}

export type OtherRole = Exclude<MemberRole, 'titular' | 'substitute'>;

/** Adds a facilitator, companion, guest, observer or admin; one facilitator per body. */
export async function addMember(
	db: Database,
	secretariatId: string,
	role: OtherRole,
	person: Person
): Promise<
	| { ok: true; member: Member }
	| { ok: false; reason: 'facilitator-exists' | 'facilitator-holds-seat' }
> {
	const email = normalizeEmail(person.email);
	if (role === 'facilitator') {
		const [holder] = await db
			.select({ id: members.id })
			.from(members)
			.where(
				and(
					eq(members.secretariatId, secretariatId),
					eq(members.email, email),
					isNotNull(members.seatId)
				)
			);
		// Voice without vote (I III.9, T III.9): the facilitator holds no seat.
		if (holder) return { ok: false, reason: 'facilitator-holds-seat' };
	}
	try {
		const [member] = await db
			.insert(members)
			.values({ secretariatId, role, ...person, email })
			.returning();
		return { ok: true, member: member! };
	} catch (error) {
		// The one-facilitator index refused it (possibly against a simultaneous request).
		if (role === 'facilitator' && isUniqueViolation(error))
			return { ok: false, reason: 'facilitator-exists' };
		throw error;
	}
}

/** Removes a non-seat member (seat holders change with their seat). */
export async function removeMember(
	db: Database,
	secretariatId: string,
	memberId: string
): Promise<boolean> {
	const removed = await db
		.delete(members)
		.where(
			and(
				eq(members.id, memberId),
				eq(members.secretariatId, secretariatId),
				isNull(members.seatId)
			)
		)
		.returning({ id: members.id, userId: members.userId });
	recheckRemoved(removed.map((member) => member.userId));
	return removed.length > 0;
}

/** Links every membership of an email to its account; accepting an invitation calls it. */
export async function linkMembershipsToUser(
	db: Queryable,
	user: { id: string; email: string }
): Promise<void> {
	await db
		.update(members)
		.set({ userId: user.id })
		.where(and(eq(members.email, user.email), isNull(members.userId)));
}

export type InvitationOutcome =
	{ kind: 'linked'; email: string } | { kind: 'invited'; email: string; token: string };

/**
 * Gives a member access: a person who already has an account is linked to the membership at once;
 * anyone else gets an invitation to create one (7 days), after which the membership links itself.
 * The caller mails the outcome.
 */
export async function inviteMember(
	db: Database,
	member: Member,
	invitedBy: string
): Promise<InvitationOutcome> {
	const [user] = await db
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(eq(users.email, member.email));
	if (user) {
		await db.update(members).set({ userId: user.id }).where(eq(members.id, member.id));
		return { kind: 'linked', email: user.email };
	}
	const token = generateSecret();
	await db.insert(invitations).values({
		email: member.email,
		tokenHash: hashSecret(token),
		invitedBy,
		secretariatId: member.secretariatId,
		expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS)
	});
	return { kind: 'invited', email: member.email, token };
}
