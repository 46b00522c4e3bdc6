/**
 * The follow-up and evaluation report of a plan's period ("reportes de seguimiento y evaluación de
 * los compromisos adoptados y las actividades que deriven de los mismos": Z art. 9.3, I II.6,
 * T II.6): every commitment with its objective, responsible institution and person, computed
 * progress and status, its activities and linked agreements, and the latest progress reports. The
 * web page reads `summariseReport`; `renderReportPdf` draws the same content with pdfkit, on the
 * server, in the reader's language.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatCalendarDay, formatDate } from '$lib/i18n/time';
import { createArchivalPdf, FONT } from '../documents/pdf-document';
import { progressStatuses, roundProgress, type ProgressStatus } from '../../rules/plan-progress';
import type { PlanView } from './plans';

export interface ProgressUpdateLine {
	activityId: string;
	progress: number;
	note: string;
	reportedAt: Date;
	reportedBy: string | null;
}

export interface PlanReport {
	bodyName: string;
	view: PlanView;
	today: string;
	/** The body's zone: a progress update is dated on the body's calendar (i18n/time.ts). */
	timeZone: string;
	updates: ProgressUpdateLine[];
}

/** The status's label in the current language. */
export function statusLabel(status: ProgressStatus): string {
	return {
		'not-started': m.plan_status_not_started,
		'in-progress': m.plan_status_in_progress,
		'at-risk': m.plan_status_at_risk,
		overdue: m.plan_status_overdue,
		completed: m.plan_status_completed
	}[status]();
}

/** How many commitments are in each status (the report's evaluation at a glance). */
export function countByStatus(view: PlanView): { status: ProgressStatus; count: number }[] {
	return progressStatuses.map((status) => ({
		status,
		count: view.commitments.filter((c) => c.status === status).length
	}));
}

function activityTitles(view: PlanView): Map<string, string> {
	return new Map(view.commitments.flatMap((c) => c.activities.map((a) => [a.id, a.title])));
}

/**
 * The report as a PDF/A in the reader's language (pdf-document.ts: embedded fonts, metadata). Its
 * creation date is the report's day, so the same plan on the same day gives the same bytes.
 */
export function renderReportPdf(report: PlanReport): Promise<Buffer> {
	const { view } = report;
	const doc = createArchivalPdf(
		{
			title: `${m.plan_report()} — ${view.plan.title}`,
			author: report.bodyName,
			subject: m.plan_period({ from: view.plan.startsOn, to: view.plan.endsOn }),
			createdAt: new Date(`${report.today}T00:00:00Z`),
			lang: getLocale()
		},
		{ size: 'LETTER', margin: 56 }
	);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	doc.font(FONT.bold).fontSize(16).text(m.plan_report());
	doc.font(FONT.regular).fontSize(11).text(report.bodyName);
	doc.text(
		`${view.plan.title} · ${m.plan_period({ from: view.plan.startsOn, to: view.plan.endsOn })}`
	);
	doc
		.fontSize(9)
		.fillColor('#444')
		.text(m.plan_report_generated({ date: formatCalendarDay(report.today) }));
	doc.text(m.plan_report_basis()).fillColor('black');
	doc.moveDown();
	doc.fontSize(11).text(
		m.plan_report_summary({
			count: String(view.commitments.length),
			value: String(roundProgress(view.progress))
		})
	);
	doc.text(
		`${m.plan_report_by_status()}: ` +
			countByStatus(view)
				.map(({ status, count }) => `${statusLabel(status)} ${count}`)
				.join(' · ')
	);

	for (const commitment of view.commitments) {
		doc.moveDown();
		doc
			.font(FONT.bold)
			.fontSize(12)
			.text(
				m.plan_commitment_heading({ number: String(commitment.number), title: commitment.title })
			);
		doc.font(FONT.regular).fontSize(10);
		doc.text(
			`${m.plan_progress()}: ${roundProgress(commitment.progress)} % · ${m.plan_status()}: ${statusLabel(commitment.status)}`
		);
		if (commitment.objective) doc.text(m.plan_objective({ text: commitment.objective }));
		if (commitment.institution) doc.text(m.plan_institution({ name: commitment.institution }));
		doc.text(
			m.plan_responsible({ name: commitment.responsibleName ?? m.plan_commitment_no_responsible() })
		);
		for (const activity of commitment.activities) {
			const kind =
				activity.kind === 'milestone'
					? m.plan_activity_kind_milestone()
					: m.plan_activity_kind_activity();
			doc.text(
				`• ${kind}: ${activity.title} — ${m.plan_activity_dates({ from: activity.startsOn, to: activity.dueOn })}, ` +
					`${m.plan_activity_weight({ weight: String(activity.weight) })}, ${activity.progress} %, ` +
					`${statusLabel(activity.status)}; ${m.plan_evidence()}: ${activity.evidence.length}`,
				{ indent: 12 }
			);
		}
		for (const agreement of commitment.agreements) {
			doc.text(
				`• ${m.plan_agreement_label({ number: String(agreement.number), year: String(agreement.year), text: agreement.text })}`,
				{ indent: 12 }
			);
		}
	}

	doc.moveDown();
	doc.font(FONT.bold).fontSize(12).text(m.plan_report_recent());
	doc.font(FONT.regular).fontSize(10);
	const titles = activityTitles(view);
	if (report.updates.length === 0) doc.text(m.plan_report_recent_none());
	for (const update of report.updates.slice(0, 30)) {
		doc.text(
			m.plan_report_update({
				date: formatDate(update.reportedAt, report.timeZone, { dateStyle: 'medium' }),
				activity: titles.get(update.activityId) ?? '',
				progress: String(update.progress),
				name: update.reportedBy ?? '—'
			}) + (update.note ? ` — ${update.note}` : '')
		);
	}
	doc.end();
	return done;
}
