/**
 * The open dataset of the sealed records of sessions (issue 14 item 5): one row per event of every
 * meeting whose minutes are published (approved and signed by all), with every sealed field, so
 * anyone can recompute the chain (and check it on /verificar/registro) from the CSV alone. Names
 * appear only for the people who agreed to the public site naming them, as in the other datasets.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { meetings, secretariats } from '../db/schema';
import { findPublishedMinutes } from '../minutes/published';
import { readMeetingEvents } from '../meetings/event-log';
import { eventLogRow, readEventLogPeople } from '../meetings/event-log-files';
import type { Cell, Dataset } from './datasets';

export const eventLogDataset: Dataset = {
	id: 'registro-sellado',
	title: 'Registro sellado de las sesiones',
	description:
		'Cada cambio de las sesiones con acta publicada (asistencia, orden del día, propuestas, objeciones, votaciones y cada voto, uso de la palabra, cierre), encadenado por SHA-256; el acta firmada guarda el último hash. Se verifica en /verificar/registro.',
	periodicity: 'R/P1M',
	columns: [
		{ name: 'secretariado', type: 'texto', description: 'Identificador (slug) del secretariado.' },
		{ name: 'secuencia', type: 'entero', description: 'Número del evento en su sesión: 1, 2, 3…' },
		{ name: 'sesion_id', type: 'uuid', description: 'Identificador de la sesión.' },
		{ name: 'fecha', type: 'fecha-hora ISO 8601', description: 'Cuándo ocurrió (UTC).' },
		{
			name: 'tipo',
			type: 'texto',
			description: 'Clase de evento: check-in, check-out, ballot, motion-closed… (docs/DOMAIN.md).'
		},
		{ name: 'actor', type: 'uuid', description: 'Cuenta que hizo el cambio; vacío: el sistema.' },
		{
			name: 'datos',
			type: 'texto',
			description: 'Detalle del evento en JSON canónico (claves ordenadas, sin espacios).'
		},
		{ name: 'hash_anterior', type: 'texto', description: 'SHA-256 del evento anterior.' },
		{
			name: 'hash',
			type: 'texto',
			description: 'SHA-256 del JSON canónico de {seq, meetingId, at, kind, actor, payload, prev}.'
		},
		{
			name: 'actor_nombre',
			type: 'texto',
			description: 'Nombre de quien hizo el cambio, si consintió su publicación (no sellado).'
		},
		{
			name: 'persona_nombre',
			type: 'texto',
			description: 'Nombre de la persona del evento, si consintió su publicación (no sellado).'
		}
	],
	async rows(db: Database, scope) {
		const closed = await db
			.select({ id: meetings.id, secretariatId: meetings.secretariatId, slug: secretariats.slug })
			.from(meetings)
			.innerJoin(secretariats, eq(secretariats.id, meetings.secretariatId))
			.where(
				and(
					eq(meetings.status, 'closed'),
					scope.secretariatId ? eq(meetings.secretariatId, scope.secretariatId) : undefined
				)
			)
			.orderBy(asc(meetings.scheduledAt), asc(meetings.id));
		const rows: Record<string, Cell>[] = [];
		for (const secretariatId of new Set(closed.map((row) => row.secretariatId))) {
			const own = closed.filter((row) => row.secretariatId === secretariatId);
			const published = await findPublishedMinutes(
				db,
				secretariatId,
				own.map((row) => row.id)
			);
			for (const meeting of own.filter((row) => published.has(row.id))) {
				const events = await readMeetingEvents(db, meeting.id);
				const people = await readEventLogPeople(db, secretariatId, events, 'public');
				for (const event of events)
					rows.push({ secretariado: meeting.slug, ...eventLogRow(event, people) });
			}
		}
		return rows;
	}
};
