/**
 * Who the signed-in person is for a meeting's convocatoria: the matrix lets them in
 * (`requireMeetingAction`), then the body's rules say whether they may draft or issue it and invite
 * observers (`checkConvener`, Z art. 11 I–II, I V.2–3, T VI.2–4). A refusal by the rules is a 403,
 * like the matrix's.
 */
import { error } from '@sveltejs/kit';
import type { Database } from '$lib/server/db';
import type { Action } from '$lib/permissions/matrix';
import { checkConvener } from '$lib/rules/convener';
import { requireMeetingAction } from '../meeting-access';

export type ConvenerAct = 'draft' | 'issue' | 'invite-observers';

export async function requireConvocationAction(
	db: Database,
	event: Parameters<typeof requireMeetingAction>[1],
	action: Action,
	act?: ConvenerAct
) {
	const found = await requireMeetingAction(db, event, action);
	const { access, people } = found;
	const sectorOf = new Map(access.seats.map((seat) => [seat.id, seat.sector]));
	const candidate = {
		roles: [...access.roles],
		seatSectors: people
			.filter((p) => p.userId === access.user.id && p.seatId)
			.map((p) => sectorOf.get(p.seatId!)!)
	};
	const may = (which: ConvenerAct) =>
		which === 'invite-observers'
			? access.can('meeting.invite-observers') &&
				checkConvener({ convenedBy: access.rules.observers.convenedBy }, candidate, 'issue').ok
			: access.can('meeting.convene') && checkConvener(access.rules, candidate, which).ok;
	if (act && !may(act)) error(403);
	const issuer = { userId: access.user.id, name: access.user.name, email: access.user.email };
	return { ...found, may, issuer };
}
