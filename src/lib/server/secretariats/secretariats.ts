/**
 * Secretariats: created from a preset (a source document's rules, RULES.md) or from the values the
 * three documents share, listed for the people who belong to them, loaded with their rules, and
 * reconfigured. A body's rules are always validated whole (`parseBodyRules`) before they are saved:
 * an invalid configuration is refused with its codes and nothing changes.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { jsonList } from '../db/json-list';
import type { Database, Queryable } from '../db';
import { members, seats, secretariats, type SeatRow, type Secretariat } from '../db/schema';
import {
	copyPresetRules,
	parseBodyRules,
	presetIds,
	type BodyRules,
	type PresetId
} from '../../rules';
import type { SessionUser } from '../auth/session';

export interface LoadedSecretariat {
	secretariat: Secretariat;
	seats: SeatRow[];
	rules: BodyRules;
}

export type RulesIssues = { path: string; code: string }[];

/** A URL-safe slug from a body's name: "STL de Zacatecas" → "stl-de-zacatecas". */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || 'secretariado';
}

/**
 * The rules a body configured from scratch starts with: the INAI template's values, which are also
 * what the three documents share (notice, cancellation, consensus first), with its three seats and
 * no seat limit beyond the product's. The body then changes whatever it needs.
 */
export function createScratchRules(): BodyRules {
	const rules = copyPresetRules('inai-stl');
	return { ...rules, seatCount: { min: 3, max: null } };
}

function isPresetId(value: string): value is PresetId {
	return (presetIds as readonly string[]).includes(value);
}

/** Splits rules into what the secretariats row keeps and the seats rows. */
function splitRules(rules: BodyRules): {
	stored: Omit<BodyRules, 'seats'>;
	seatList: BodyRules['seats'];
} {
	const { seats: seatList, ...stored } = rules;
	return { stored, seatList };
}

/** Puts a body's stored rules and its seats rows back together. */
export function assembleRules(stored: Omit<BodyRules, 'seats'>, seatRows: SeatRow[]): BodyRules {
	return { ...stored, seats: seatRows.map((seat) => ({ id: seat.key, sector: seat.sector })) };
}

/** Creates a secretariat with its seats; the slug gets a numeric suffix when taken. */
export async function createSecretariat(
	db: Database,
	input: { name: string; presetId: string | null }
): Promise<Secretariat> {
	const rules =
		input.presetId && isPresetId(input.presetId)
			? copyPresetRules(input.presetId)
			: createScratchRules();
	const { stored, seatList } = splitRules(rules);
	const base = slugify(input.name);
	const taken = new Set(
		(await db.select({ slug: secretariats.slug }).from(secretariats)).map((row) => row.slug)
	);
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	return db.transaction(async (tx) => {
		const [secretariat] = await tx
			.insert(secretariats)
			.values({
				slug,
				name: input.name,
				presetId: isPresetId(input.presetId ?? '') ? input.presetId : null,
				rules: stored
			})
			.returning();
		await tx.insert(seats).values(
			seatList.map((seat, index) => ({
				secretariatId: secretariat!.id,
				key: seat.id,
				sector: seat.sector,
				sortOrder: index
			}))
		);
		return secretariat!;
	});
}

/**
 * A body's seats in seat order, as a JSON list of the statement that reads the body (issue 12: the
 * body and its seats in one round trip; `requireSecretariatAction` adds the person's roles to it).
 */
export function seatsOfBody() {
	return jsonList<SeatRow>(sql`
		select json_agg(json_build_object('id', s.id, 'secretariatId', s.secretariat_id, 'key', s.key,
			'sector', s.sector, 'organisation', s.organisation, 'sortOrder', s.sort_order)
			order by s.sort_order, s.key)
		from seats s where s.secretariat_id = ${secretariats.id}`);
}

/** A body as loaded: its row, its seats and the rules assembled from both. */
export function assembleLoaded(secretariat: Secretariat, seatRows: SeatRow[]): LoadedSecretariat {
	return { secretariat, seats: seatRows, rules: assembleRules(secretariat.rules, seatRows) };
}

/** The secretariat of `slug` with its seats and rules, in one query; null when there is none. */
export async function loadSecretariat(
	db: Database,
	slug: string
): Promise<LoadedSecretariat | null> {
	const [row] = await db
		.select({ secretariat: secretariats, seats: seatsOfBody() })
		.from(secretariats)
		.where(eq(secretariats.slug, slug));
	return row ? assembleLoaded(row.secretariat, row.seats) : null;
}

/** The secretariats a user may open: all for an instance admin, else those they belong to. */
export async function listSecretariatsForUser(
	db: Database,
	user: SessionUser
): Promise<Secretariat[]> {
	if (user.isInstanceAdmin) return db.select().from(secretariats).orderBy(asc(secretariats.name));
	const ids = db
		.selectDistinct({ id: members.secretariatId })
		.from(members)
		.where(and(eq(members.userId, user.id), isNull(members.endedAt)));
	return db
		.select()
		.from(secretariats)
		.where(inArray(secretariats.id, ids))
		.orderBy(asc(secretariats.name));
}

/**
 * Runs a change on the secretariat as it stands inside one transaction that holds its row lock:
 * two edits at once (a rules save and a new non-working day, two seat removals) run one after the
 * other, each validated against what the other left, instead of the later silently undoing the
 * earlier.
 */
export async function withLockedSecretariat<T>(
	db: Database,
	secretariatId: string,
	change: (tx: Queryable, current: LoadedSecretariat) => Promise<T>
): Promise<T> {
	return db.transaction(async (tx) => {
		const [secretariat] = await tx
			.select()
			.from(secretariats)
			.where(eq(secretariats.id, secretariatId))
			.for('update');
		if (!secretariat) throw new Error(`secretariat ${secretariatId} vanished`);
		const seatRows = await tx
			.select()
			.from(seats)
			.where(eq(seats.secretariatId, secretariatId))
			.orderBy(asc(seats.sortOrder), asc(seats.key));
		return change(tx, {
			secretariat,
			seats: seatRows,
			rules: assembleRules(secretariat.rules, seatRows)
		});
	});
}

/**
 * Replaces a body's rules (seats excepted: they change through members.ts) after validating the
 * whole configuration with its current seats. `changes` may be computed from the rules as they
 * stand under the lock. Returns the issues, as codes, when invalid; nothing is written then.
 */
export async function updateSecretariatRules(
	db: Database,
	secretariatId: string,
	changes:
		Partial<Omit<BodyRules, 'seats'>> | ((rules: BodyRules) => Partial<Omit<BodyRules, 'seats'>>),
	settings?: { oversightEmail: string | null }
): Promise<{ ok: true } | { ok: false; issues: RulesIssues }> {
	return withLockedSecretariat(db, secretariatId, async (tx, current) => {
		const changed = typeof changes === 'function' ? changes(current.rules) : changes;
		const parsed = parseBodyRules({ ...current.rules, ...changed });
		if (!parsed.ok) return { ok: false, issues: parsed.issues };
		const { stored } = splitRules(parsed.rules);
		const oversightEmail = settings ? settings.oversightEmail : current.secretariat.oversightEmail;
		await tx
			.update(secretariats)
			.set({ rules: stored, oversightEmail })
			.where(eq(secretariats.id, secretariatId));
		return { ok: true };
	});
}

/** Changes a body's own non-working days (the rules validate them: real dates, no duplicates). */
export function saveNonWorkingDays(
	db: Database,
	secretariatId: string,
	change: (dates: string[]) => string[]
) {
	return updateSecretariatRules(db, secretariatId, (rules) => ({
		nonWorkingDays: [...new Set(change(rules.nonWorkingDays))].sort()
	}));
}
