import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { createCommitment, readPlan, updatePlan } from '$lib/server/plan/plans';
import {
	decodeCsv,
	importProgressCsv,
	MAX_CSV_MB,
	type CsvIssue
} from '$lib/server/plan/progress-csv';
import { toLocalDate } from '$lib/rules/local-dates';
import { commitmentFormSchema } from '$lib/validation/plan';
import type { Actions, PageServerLoad } from './$types';

// A plan with its commitments' computed progress; admins and the facilitator add commitments and
// publish it; whoever reports progress may import it as CSV (rows checked one by one).
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	const today = toLocalDate(new Date(), access.rules.timeZone);
	const view = await readPlan(db, access.secretariat.id, event.params.plan, today);
	if (!view) error(404);
	const canEdit = access.can('plan.edit');
	const people = canEdit ? await listMembers(db, access.secretariat.id) : [];
	return {
		plan: view.plan,
		progress: view.progress,
		commitments: view.commitments.map((c) => ({
			id: c.id,
			number: c.number,
			title: c.title,
			institution: c.institution,
			responsibleName: c.responsibleName,
			progress: c.progress,
			status: c.status,
			activityCount: c.activities.length
		})),
		responsibleOptions: people
			.filter((p) => ['titular', 'substitute', 'facilitator'].includes(p.role))
			.map((p) => ({ id: p.id, name: p.name, role: p.role })),
		canEdit,
		canReport: access.can('plan.report-progress')
	};
};

/** A CSV issue in the reader's language, with its row and column. */
function describeIssue(issue: CsvIssue): string {
	const problem = {
		'too-large': () => m.plan_csv_too_large({ max: MAX_CSV_MB }),
		'not-utf8': m.plan_csv_not_utf8,
		malformed: m.plan_csv_malformed,
		empty: m.plan_csv_empty,
		'too-many-rows': m.plan_csv_too_many_rows,
		'missing-column': m.plan_csv_missing_column,
		'unknown-activity': m.plan_csv_unknown_activity,
		'duplicate-activity': m.plan_csv_duplicate_activity,
		'progress-invalid': m.plan_csv_progress_invalid,
		'note-too-long': m.plan_csv_note_too_long,
		'not-responsible': m.plan_csv_not_responsible
	}[issue.code]();
	if (issue.row !== null && issue.column !== null)
		return m.plan_csv_issue_cell({ row: String(issue.row), column: issue.column, problem });
	if (issue.row !== null) return m.plan_csv_issue_row({ row: String(issue.row), problem });
	return problem;
}

export const actions: Actions = {
	publish: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.edit');
		const form = await readFormData(event.request);
		const published = form.get('published') === 'true';
		if (!(await updatePlan(db, access.secretariat.id, event.params.plan, { published })))
			error(404);
		return { message: m.plan_saved() };
	},
	addCommitment: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.edit');
		const form = parseForm(commitmentFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const outcome = await createCommitment(db, access.secretariat.id, event.params.plan, form.data);
		if (!outcome.ok)
			return refuseForm(
				outcome.reason === 'not-found' ? 404 : 400,
				outcome.reason === 'not-found' ? m.plan_refused_not_found() : m.plan_refused_responsible()
			);
		return { message: m.plan_commitment_saved() };
	},
	importCsv: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(
			db,
			event,
			event.params.slug,
			'plan.report-progress'
		);
		const file = (await readFormData(event.request)).get('file');
		const today = toLocalDate(new Date(), access.rules.timeZone);
		const view = await readPlan(db, access.secretariat.id, event.params.plan, today);
		if (!view) error(404);
		const decoded =
			file instanceof File
				? decodeCsv(new Uint8Array(await file.arrayBuffer()))
				: { ok: true as const, text: '' };
		const outcome =
			'ok' in decoded
				? await importProgressCsv(db, access, view, decoded.text)
				: { ok: false as const, issues: [decoded] };
		if (!outcome.ok)
			return refuseForm(400, m.plan_csv_refused(), {
				errors: { csv: outcome.issues.slice(0, 50).map(describeIssue).join('\n') }
			});
		return { message: m.plan_csv_imported({ count: String(outcome.updated) }) };
	}
};
