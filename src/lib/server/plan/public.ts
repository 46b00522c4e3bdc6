/**
 * The action plan as the public sees it: section b of the body's public site, "avance de los
 * compromisos y agenda de actividades" (Z art. 7.9 b, I III.12 b, T III.12 b), and two open-data
 * datasets (section d): `commitments` (one row per commitment) and `progress` (one row per activity).
 * Only published plans are read; no member's contact data leaves, only names. Dates are ISO 8601.
 * The public site and the open-data export call these; they compute nothing of their own.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { actionPlans } from '../db/schema';
import { roundProgress, type ProgressStatus } from '../../rules/plan-progress';
import { readPlan, type PlanView } from './plans';

/** The published plans of a body, the latest period first. */
export function listPublishedPlans(db: Queryable, secretariatId: string) {
	return db
		.select()
		.from(actionPlans)
		.where(and(eq(actionPlans.secretariatId, secretariatId), eq(actionPlans.published, true)))
		.orderBy(desc(actionPlans.startsOn), asc(actionPlans.title));
}

/** The published plans read whole (progress computed on `today`, the body's local day). */
async function readPublishedPlans(
	db: Queryable,
	secretariatId: string,
	today: string
): Promise<PlanView[]> {
	const plans = await listPublishedPlans(db, secretariatId);
	const views = await Promise.all(plans.map((plan) => readPlan(db, secretariatId, plan.id, today)));
	return views.filter((view): view is PlanView => view !== null);
}

export interface PublicCommitment {
	number: number;
	title: string;
	objective: string;
	institution: string;
	responsible: string | null;
	/** 0–100, one decimal. */
	progress: number;
	status: ProgressStatus;
	activities: {
		kind: 'activity' | 'milestone';
		title: string;
		startsOn: string;
		dueOn: string;
		weight: number;
		progress: number;
		status: ProgressStatus;
	}[];
	agreements: { year: number; number: number; text: string }[];
}

export interface PublicPlan {
	id: string;
	title: string;
	startsOn: string;
	endsOn: string;
	progress: number;
	commitments: PublicCommitment[];
}

/**
 * The latest published plan of a body, with its commitments' progress and their agenda of
 * activities, for the public page's section b; null when the body has published none.
 */
export async function readPublicPlan(
	db: Queryable,
	secretariatId: string,
	today: string
): Promise<PublicPlan | null> {
	const [view] = await readPublishedPlans(db, secretariatId, today);
	return view ? toPublicPlan(view) : null;
}

function toPublicPlan(view: PlanView): PublicPlan {
	return {
		id: view.plan.id,
		title: view.plan.title,
		startsOn: view.plan.startsOn,
		endsOn: view.plan.endsOn,
		progress: roundProgress(view.progress),
		commitments: view.commitments.map((c) => ({
			number: c.number,
			title: c.title,
			objective: c.objective,
			institution: c.institution,
			responsible: c.responsibleName,
			progress: roundProgress(c.progress),
			status: c.status,
			activities: c.activities.map((a) => ({
				kind: a.kind,
				title: a.title,
				startsOn: a.startsOn,
				dueOn: a.dueOn,
				weight: a.weight,
				progress: a.progress,
				status: a.status
			})),
			agreements: c.agreements.map(({ year, number, text }) => ({ year, number, text }))
		}))
	};
}

export interface OpenDataColumn {
	name: string;
	/** In Spanish, for the data dictionary. */
	description: string;
}

export const commitmentColumns: OpenDataColumn[] = [
	{ name: 'plan', description: 'Nombre del Plan de Acción.' },
	{ name: 'plan_inicio', description: 'Inicio del periodo del plan (fecha ISO 8601, AAAA-MM-DD).' },
	{ name: 'plan_fin', description: 'Fin del periodo del plan (fecha ISO 8601, AAAA-MM-DD).' },
	{ name: 'compromiso_numero', description: 'Número del compromiso dentro del plan.' },
	{ name: 'compromiso', description: 'Título del compromiso.' },
	{ name: 'objetivo', description: 'Objetivo del compromiso.' },
	{ name: 'institucion_responsable', description: 'Institución responsable del compromiso.' },
	{
		name: 'persona_responsable',
		description: 'Integrante del secretariado responsable de informar el avance.'
	},
	{ name: 'actividades', description: 'Número de actividades e hitos del compromiso.' },
	{
		name: 'avance',
		description:
			'Avance del compromiso en por ciento (0 a 100): promedio de sus actividades ponderado por su peso.'
	},
	{
		name: 'estado',
		description: 'Estado a la fecha de corte: sin_iniciar, en_curso, en_riesgo, vencido o cumplido.'
	},
	{
		name: 'acuerdos',
		description: 'Acuerdos de las sesiones vinculados, como número/año separados por punto y coma.'
	},
	{
		name: 'fecha_corte',
		description: 'Fecha a la que se calcularon el avance y el estado (ISO 8601).'
	}
];

export const progressColumns: OpenDataColumn[] = [
	{ name: 'plan', description: 'Nombre del Plan de Acción.' },
	{
		name: 'compromiso_numero',
		description: 'Número del compromiso al que pertenece la actividad.'
	},
	{ name: 'compromiso', description: 'Título del compromiso.' },
	{ name: 'tipo', description: 'actividad o hito.' },
	{ name: 'actividad', description: 'Descripción de la actividad o del hito.' },
	{ name: 'inicio', description: 'Fecha de inicio (ISO 8601, AAAA-MM-DD).' },
	{ name: 'fecha_limite', description: 'Fecha límite (ISO 8601, AAAA-MM-DD).' },
	{ name: 'peso', description: 'Peso de la actividad en el avance de su compromiso (1 a 100).' },
	{ name: 'avance', description: 'Avance informado de la actividad en por ciento (0 a 100).' },
	{
		name: 'estado',
		description: 'Estado a la fecha de corte: sin_iniciar, en_curso, en_riesgo, vencido o cumplido.'
	},
	{
		name: 'ultima_actualizacion',
		description: 'Fecha y hora de la última actualización del avance (ISO 8601, UTC).'
	},
	{ name: 'fecha_corte', description: 'Fecha a la que se calculó el estado (ISO 8601).' }
];

const statusCodes: Record<ProgressStatus, string> = {
	'not-started': 'sin_iniciar',
	'in-progress': 'en_curso',
	'at-risk': 'en_riesgo',
	overdue: 'vencido',
	completed: 'cumplido'
};

export type OpenDataRow = Record<string, string | number>;

/** The `commitments` dataset: one flat row per commitment of the body's published plans. */
export async function buildCommitmentRows(
	db: Queryable,
	secretariatId: string,
	today: string
): Promise<OpenDataRow[]> {
	const views = await readPublishedPlans(db, secretariatId, today);
	return views.flatMap((view) =>
		view.commitments.map((c) => ({
			plan: view.plan.title,
			plan_inicio: view.plan.startsOn,
			plan_fin: view.plan.endsOn,
			compromiso_numero: c.number,
			compromiso: c.title,
			objetivo: c.objective,
			institucion_responsable: c.institution,
			persona_responsable: c.responsibleName ?? '',
			actividades: c.activities.length,
			avance: roundProgress(c.progress),
			estado: statusCodes[c.status],
			acuerdos: c.agreements.map((a) => `${a.number}/${a.year}`).join('; '),
			fecha_corte: today
		}))
	);
}

/** The `progress` dataset: one flat row per activity or milestone of the published plans. */
export async function buildProgressRows(
	db: Queryable,
	secretariatId: string,
	today: string
): Promise<OpenDataRow[]> {
	const views = await readPublishedPlans(db, secretariatId, today);
	return views.flatMap((view) =>
		view.commitments.flatMap((c) =>
			c.activities.map((a) => ({
				plan: view.plan.title,
				compromiso_numero: c.number,
				compromiso: c.title,
				tipo: a.kind === 'milestone' ? 'hito' : 'actividad',
				actividad: a.title,
				inicio: a.startsOn,
				fecha_limite: a.dueOn,
				peso: a.weight,
				avance: a.progress,
				estado: statusCodes[a.status],
				ultima_actualizacion: a.updatedAt.toISOString(),
				fecha_corte: today
			}))
		)
	);
}
