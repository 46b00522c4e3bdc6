/**
 * Who may see and send the monthly dispatch: the matrix lets the person in (`dispatch.view`,
 * `minutes.dispatch`), then the body's rules name the dispatcher (`checkDispatcher`: I V.5 the
 * guarantor, T VI.12 the facilitator). A refusal by the rules is a 403, like the matrix's.
 */
import { error } from '@sveltejs/kit';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { members } from '../db/schema';
import { checkDispatcher } from '../../rules/dispatch-schedule';
import { requireSecretariatAction, type SecretariatAccess } from '../secretariats/access';

/** The access of a person to the body's dispatch, and whether the rules let them send it. */
export async function requireDispatchAccess(
	db: Database,
	event: Parameters<typeof requireSecretariatAction>[1],
	slug: string,
	act: 'view' | 'send'
): Promise<SecretariatAccess & { maySend: boolean }> {
	const access = await requireSecretariatAction(
		db,
		event,
		slug,
		act === 'send' ? 'minutes.dispatch' : 'dispatch.view'
	);
	const held = await db
		.select({ seatId: members.seatId })
		.from(members)
		.where(
			and(
				eq(members.secretariatId, access.secretariat.id),
				eq(members.userId, access.user.id),
				isNotNull(members.seatId),
				isNull(members.endedAt)
			)
		);
	const sectorOf = new Map(access.seats.map((seat) => [seat.id, seat.sector]));
	const maySend =
		access.can('minutes.dispatch') &&
		checkDispatcher(access.rules, {
			roles: [...access.roles],
			seatSectors: held.map((row) => sectorOf.get(row.seatId!)!).filter(Boolean)
		}).ok;
	if (act === 'send' && !maySend) error(403);
	return { ...access, maySend };
}
