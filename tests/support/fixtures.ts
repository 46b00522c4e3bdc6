/**
 * The body-with-a-meeting most server specs start from: an instance admin, a body from one of the
 * presets with a titular (and optionally a substitute) in every seat and a facilitator, and a
 * meeting. People are named `<prefix> <seat index>` ("Titular 0", "Suplente 3") and "Facilitación".
 */
import type { Database } from '../../src/lib/server/db/index';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';
import {
	createSecretariat,
	loadSecretariat,
	type LoadedSecretariat
} from '../../src/lib/server/secretariats/secretariats';
import { addMember, listMembers, saveSeat } from '../../src/lib/server/secretariats/members';
import { createMeeting } from '../../src/lib/server/meetings/meetings';

export const holder = (name: string, email: string) => ({
	name,
	position: `Cargo de ${name}`,
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

export interface BodyFixture {
	body: LoadedSecretariat;
	/** The instance admin's user id: who checks people in, in these tests. */
	userId: string;
	/** The member id of a person by name. */
	memberId(name: string): string;
	/** A new meeting of the body (scheduled now, not yet open). */
	createMeeting(title?: string): Promise<string>;
}

export async function createBodyFixture(
	db: Database,
	options: { presetId?: string; substitutes?: boolean; name?: string } = {}
): Promise<BodyFixture> {
	const admin = await createFirstAccount(db, {
		name: 'Administración',
		email: 'admin@example.mx',
		password: 'una contraseña larga',
		locale: 'es-MX'
	});
	if (!admin.ok) throw new Error('could not create the first account');
	const created = await createSecretariat(db, {
		name: options.name ?? 'Secretariado de prueba',
		presetId: options.presetId ?? 'zacatecas-stl'
	});
	const loaded = (await loadSecretariat(db, created.slug))!;
	for (const [index, seat] of loaded.seats.entries())
		await saveSeat(db, created.id, seat.id, {
			sector: seat.sector,
			organisation: `Institución ${index}`,
			titular: holder(`Titular ${index}`, `t${index}@example.mx`),
			substitute:
				options.substitutes === false ? null : holder(`Suplente ${index}`, `s${index}@example.mx`)
		});
	await addMember(db, created.id, 'facilitator', holder('Facilitación', 'f@example.mx'));
	const body = (await loadSecretariat(db, created.slug))!;
	const people = await listMembers(db, created.id);
	return {
		body,
		userId: admin.user.id,
		memberId(name) {
			const person = people.find((p) => p.name === name);
			if (!person) throw new Error(`nobody is called ${name}`);
			return person.id;
		},
		async createMeeting(title = 'Sesión ordinaria') {
			const meeting = await createMeeting(db, body, {
				kind: 'ordinary',
				title,
				scheduledAt: new Date(),
				place: 'Sala'
			});
			return meeting.id;
		}
	};
}
