/**
 * Section d, open data (RULES.md "The public website's sections" d): the registry of datasets
 * published per body and for the whole instance, as CSV, data dictionary, DCAT catalogue, ZIP and a
 * read-only JSON API — all built from this list. A dataset is {id, title, description, columns
 * with their descriptions, rows(db, scope)}; to publish another, append it to `datasets` (the
 * action plan's two are in plan-datasets.ts; see docs/DOMAIN.md "Public site and open data").
 *
 * Only public facts leave here: meetings, closed meetings' attendance and ballots, agreements.
 * A person's name appears only with their consent (members.public_consent); otherwise the row
 * keeps the role and seat and the name is empty. Titles and descriptions are the data's own
 * metadata, in Spanish (the language of the records), not interface text.
 */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import {
	agreements,
	attendance,
	ballots,
	convocations,
	meetings,
	members,
	motions,
	seats,
	secretariats
} from '../db/schema';
import { meetingStanding } from '../../rules';
import { commitmentsDataset, progressDataset } from './plan-datasets';
import { eventLogDataset } from './event-datasets';

/** Which rows: one body's, or every body's (the instance's catalogue). */
export type DatasetScope = { secretariatId: string | null };

export type Cell = string | number | boolean | null;

export interface DatasetColumn {
	name: string;
	type:
		'texto' | 'entero' | 'decimal' | 'booleano' | 'fecha-hora ISO 8601' | 'fecha ISO 8601' | 'uuid';
	description: string;
}

export interface Dataset {
	id: string;
	title: string;
	description: string;
	/** How often it changes, as an ISO 8601 repeating duration (DCAT `accrualPeriodicity`). */
	periodicity: string;
	columns: DatasetColumn[];
	rows(db: Database, scope: DatasetScope): Promise<Record<string, Cell>[]>;
}

const iso = (value: Date | string | null) =>
	value === null ? null : new Date(value).toISOString();

const bodyFilter = (scope: DatasetScope, column: AnyPgColumn): SQL | undefined =>
	scope.secretariatId ? eq(column, scope.secretariatId) : undefined;

const consentedName = (name: string, consent: boolean) => (consent ? name : '');

const bodyColumn: DatasetColumn = {
	name: 'secretariado',
	type: 'texto',
	description: 'Identificador (slug) del secretariado técnico en esta instancia.'
};
const meetingColumn: DatasetColumn = {
	name: 'sesion_id',
	type: 'uuid',
	description: 'Identificador de la sesión (ver el conjunto «sesiones»).'
};

const sessionsDataset: Dataset = {
	id: 'sesiones',
	title: 'Sesiones',
	description:
		'Sesiones ordinarias y extraordinarias del secretariado técnico, programadas y celebradas.',
	periodicity: 'R/P1M',
	columns: [
		meetingColumn,
		bodyColumn,
		{ name: 'tipo', type: 'texto', description: 'ordinaria o extraordinaria.' },
		{ name: 'titulo', type: 'texto', description: 'Título de la sesión.' },
		{
			name: 'fecha',
			type: 'fecha-hora ISO 8601',
			description: 'Fecha y hora de la convocatoria (UTC).'
		},
		{ name: 'lugar', type: 'texto', description: 'Lugar de la sesión.' },
		{
			name: 'estado',
			type: 'texto',
			description:
				'programada, en curso, concluida o cancelada (cancelada: se canceló con la aprobación de todos los asientos antes de celebrarse).'
		}
	],
	async rows(db, scope) {
		const found = await db
			.select({ meeting: meetings, slug: secretariats.slug, convocation: convocations.status })
			.from(meetings)
			.innerJoin(secretariats, eq(secretariats.id, meetings.secretariatId))
			.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
			.where(bodyFilter(scope, meetings.secretariatId))
			.orderBy(asc(meetings.scheduledAt), asc(meetings.id));
		const kinds = { ordinary: 'ordinaria', extraordinary: 'extraordinaria' };
		const statuses = {
			scheduled: 'programada',
			open: 'en curso',
			closed: 'concluida',
			cancelled: 'cancelada'
		};
		return found.map(({ meeting, slug, convocation }) => ({
			sesion_id: meeting.id,
			secretariado: slug,
			tipo: kinds[meeting.kind],
			titulo: meeting.title,
			fecha: iso(meeting.scheduledAt),
			lugar: meeting.place,
			estado: statuses[meetingStanding(meeting.status, convocation)]
		}));
	}
};

const roleNames: Record<string, string> = {
	titular: 'titular',
	substitute: 'suplente',
	facilitator: 'facilitador(a)',
	companion: 'acompañante',
	guest: 'invitado(a)',
	observer: 'observador(a) social',
	'secretariat-admin': 'administración'
};

const attendanceDataset: Dataset = {
	id: 'asistencia',
	title: 'Asistencia a las sesiones',
	description:
		'Quién asistió a cada sesión concluida, en la sala o a distancia. El nombre se publica solo con el consentimiento de la persona.',
	periodicity: 'R/P1M',
	columns: [
		meetingColumn,
		bodyColumn,
		{
			name: 'asiento',
			type: 'texto',
			description: 'Clave del asiento, vacía para quien no ocupa uno.'
		},
		{ name: 'institucion', type: 'texto', description: 'Organización que ocupa el asiento.' },
		{
			name: 'papel',
			type: 'texto',
			description:
				'titular, suplente, facilitador(a), acompañante, invitado(a) u observador(a) social.'
		},
		{
			name: 'nombre',
			type: 'texto',
			description: 'Nombre de la persona, solo si consintió su publicación.'
		},
		{ name: 'a_distancia', type: 'booleano', description: 'true si asistió a distancia.' },
		{
			name: 'entrada',
			type: 'fecha-hora ISO 8601',
			description: 'Hora de registro de asistencia (UTC).'
		},
		{
			name: 'salida',
			type: 'fecha-hora ISO 8601',
			description: 'Hora de salida (UTC), vacía si permaneció hasta el cierre.'
		}
	],
	async rows(db, scope) {
		const found = await db
			.select({
				meetingId: attendance.meetingId,
				slug: secretariats.slug,
				seat: seats.key,
				institution: seats.organisation,
				role: members.role,
				name: members.name,
				consent: members.publicConsent,
				remote: attendance.remote,
				checkedInAt: attendance.checkedInAt,
				checkedOutAt: attendance.checkedOutAt
			})
			.from(attendance)
			.innerJoin(meetings, eq(meetings.id, attendance.meetingId))
			.innerJoin(secretariats, eq(secretariats.id, meetings.secretariatId))
			.innerJoin(members, eq(members.id, attendance.memberId))
			.leftJoin(seats, eq(seats.id, members.seatId))
			.where(and(eq(meetings.status, 'closed'), bodyFilter(scope, meetings.secretariatId)))
			.orderBy(asc(meetings.scheduledAt), asc(attendance.checkedInAt), asc(attendance.id));
		return found.map((row) => ({
			sesion_id: row.meetingId,
			secretariado: row.slug,
			asiento: row.seat ?? '',
			institucion: row.institution ?? '',
			papel: roleNames[row.role] ?? row.role,
			nombre: consentedName(row.name, row.consent),
			a_distancia: row.remote,
			entrada: iso(row.checkedInAt),
			salida: iso(row.checkedOutAt)
		}));
	}
};

const agreementsDataset: Dataset = {
	id: 'acuerdos',
	title: 'Acuerdos',
	description: 'Registro de acuerdos del secretariado técnico, numerados por año.',
	periodicity: 'R/P1M',
	columns: [
		{ name: 'acuerdo_id', type: 'uuid', description: 'Identificador del acuerdo.' },
		bodyColumn,
		{ name: 'anio', type: 'entero', description: 'Año del acuerdo.' },
		{ name: 'numero', type: 'entero', description: 'Número consecutivo del acuerdo en el año.' },
		meetingColumn,
		{
			name: 'fecha',
			type: 'fecha-hora ISO 8601',
			description: 'Fecha y hora en que se tomó (UTC).'
		},
		{ name: 'texto', type: 'texto', description: 'Texto del acuerdo.' },
		{
			name: 'votos_a_favor',
			type: 'entero',
			description: 'Votos a favor (0 si fue por consenso).'
		},
		{ name: 'votos_en_contra', type: 'entero', description: 'Votos en contra.' },
		{ name: 'abstenciones', type: 'entero', description: 'Abstenciones.' }
	],
	async rows(db, scope) {
		const found = await db
			.select({
				agreement: agreements,
				slug: secretariats.slug,
				meetingId: motions.meetingId,
				outcome: motions.outcome
			})
			.from(agreements)
			.innerJoin(secretariats, eq(secretariats.id, agreements.secretariatId))
			.innerJoin(motions, eq(motions.id, agreements.motionId))
			.where(bodyFilter(scope, agreements.secretariatId))
			.orderBy(asc(agreements.year), asc(agreements.number), asc(secretariats.slug));
		return found.map(({ agreement, slug, meetingId, outcome }) => ({
			acuerdo_id: agreement.id,
			secretariado: slug,
			anio: agreement.year,
			numero: agreement.number,
			sesion_id: meetingId,
			fecha: iso(agreement.createdAt),
			texto: agreement.text,
			votos_a_favor: outcome?.votesFor ?? 0,
			votos_en_contra: outcome?.votesAgainst ?? 0,
			abstenciones: outcome?.abstentions ?? 0
		}));
	}
};

const ballotsDataset: Dataset = {
	id: 'votaciones',
	title: 'Votaciones por asiento',
	description:
		'El voto de cada asiento en cada votación de las sesiones concluidas: un voto por asiento, emitido por su titular o, en su ausencia, su suplente.',
	periodicity: 'R/P1M',
	columns: [
		{ name: 'mocion_id', type: 'uuid', description: 'Identificador de la propuesta votada.' },
		meetingColumn,
		bodyColumn,
		{ name: 'propuesta', type: 'texto', description: 'Texto de la propuesta votada.' },
		{ name: 'asiento', type: 'texto', description: 'Clave del asiento.' },
		{ name: 'institucion', type: 'texto', description: 'Organización que ocupa el asiento.' },
		{ name: 'emitido_por', type: 'texto', description: 'titular o suplente.' },
		{ name: 'sentido', type: 'texto', description: 'a favor, en contra o abstención.' },
		{ name: 'fecha', type: 'fecha-hora ISO 8601', description: 'Hora del voto (UTC).' }
	],
	async rows(db, scope) {
		const found = await db
			.select({
				motionId: ballots.motionId,
				meetingId: motions.meetingId,
				slug: secretariats.slug,
				text: motions.text,
				seat: seats.key,
				institution: seats.organisation,
				role: ballots.role,
				choice: ballots.choice,
				castAt: ballots.castAt
			})
			.from(ballots)
			.innerJoin(motions, eq(motions.id, ballots.motionId))
			.innerJoin(meetings, eq(meetings.id, motions.meetingId))
			.innerJoin(secretariats, eq(secretariats.id, meetings.secretariatId))
			.innerJoin(seats, eq(seats.id, ballots.seatId))
			.where(and(inArray(meetings.status, ['closed']), bodyFilter(scope, meetings.secretariatId)))
			.orderBy(asc(motions.openedAt), asc(seats.sortOrder), asc(seats.key));
		const choices = { for: 'a favor', against: 'en contra', abstain: 'abstención' };
		return found.map((row) => ({
			mocion_id: row.motionId,
			sesion_id: row.meetingId,
			secretariado: row.slug,
			propuesta: row.text,
			asiento: row.seat,
			institucion: row.institution,
			emitido_por: row.role === 'titular' ? 'titular' : 'suplente',
			sentido: choices[row.choice],
			fecha: iso(row.castAt)
		}));
	}
};

/** Every published dataset, in catalogue order. */
export const datasets: Dataset[] = [
	sessionsDataset,
	attendanceDataset,
	agreementsDataset,
	ballotsDataset,
	commitmentsDataset,
	progressDataset,
	eventLogDataset
];

/** The dataset with this id, or undefined. */
export function findDataset(id: string): Dataset | undefined {
	return datasets.find((dataset) => dataset.id === id);
}
