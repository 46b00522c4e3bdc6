/**
 * The action plan's two open datasets (section d): `compromisos`, one row per commitment of the
 * published plans, and `avances`, one row per activity or milestone. The rows and their Spanish
 * descriptions come from $lib/server/plan/public.ts; this adds the column types and the body, and
 * reads every body for the instance's catalogue. Progress and status are as of each body's own day.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { secretariats } from '../db/schema';
import { toLocalDate } from '../../rules/local-dates';
import {
	buildCommitmentRows,
	buildProgressRows,
	commitmentColumns,
	progressColumns,
	type OpenDataColumn,
	type OpenDataRow
} from '../plan/public';
import type { Dataset, DatasetColumn, DatasetScope } from './datasets';

/** Every column is text but these (the plan's rows carry no types of their own). */
const columnTypes: Record<string, DatasetColumn['type']> = {
	compromiso_numero: 'entero',
	actividades: 'entero',
	peso: 'entero',
	avance: 'decimal',
	plan_inicio: 'fecha ISO 8601',
	plan_fin: 'fecha ISO 8601',
	inicio: 'fecha ISO 8601',
	fecha_limite: 'fecha ISO 8601',
	fecha_corte: 'fecha ISO 8601',
	ultima_actualizacion: 'fecha-hora ISO 8601'
};

function typed(columns: OpenDataColumn[]): DatasetColumn[] {
	return [
		{ name: 'secretariado', type: 'texto', description: 'Identificador (slug) del secretariado.' },
		...columns.map((column) => ({ ...column, type: columnTypes[column.name] ?? 'texto' }))
	];
}

type RowBuilder = (db: Database, secretariatId: string, today: string) => Promise<OpenDataRow[]>;

function rowsOfEveryBody(build: RowBuilder) {
	return async (db: Database, scope: DatasetScope) => {
		const bodies = await db
			.select({ id: secretariats.id, slug: secretariats.slug, rules: secretariats.rules })
			.from(secretariats)
			.where(scope.secretariatId ? eq(secretariats.id, scope.secretariatId) : undefined)
			.orderBy(asc(secretariats.slug));
		const rows: OpenDataRow[] = [];
		for (const body of bodies) {
			const today = toLocalDate(new Date(), body.rules.timeZone);
			for (const row of await build(db, body.id, today))
				rows.push({ secretariado: body.slug, ...row });
		}
		return rows;
	};
}

export const commitmentsDataset: Dataset = {
	id: 'compromisos',
	title: 'Compromisos del Plan de Acción',
	description:
		'Compromisos de los planes de acción publicados, con su objetivo, responsables, avance ponderado y estado.',
	periodicity: 'R/P1M',
	columns: typed(commitmentColumns),
	rows: rowsOfEveryBody(buildCommitmentRows)
};

export const progressDataset: Dataset = {
	id: 'avances',
	title: 'Avance de las actividades del Plan de Acción',
	description:
		'Actividades e hitos de los compromisos publicados, con fechas, peso, avance informado y estado.',
	periodicity: 'R/P1M',
	columns: typed(progressColumns),
	rows: rowsOfEveryBody(buildProgressRows)
};
