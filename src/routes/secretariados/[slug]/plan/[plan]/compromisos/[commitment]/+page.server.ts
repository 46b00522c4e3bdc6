import { error } from '@sveltejs/kit';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction, type SecretariatAccess } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { formText, parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { hasControlCharacters } from '$lib/validation/text';
import {
	createActivity,
	deleteActivity,
	findActivity,
	linkAgreement,
	listAgreements,
	readPlan,
	unlinkAgreement,
	updateCommitment
} from '$lib/server/plan/plans';
import {
	listProgressUpdates,
	mayReportProgress,
	reportProgress,
	requireProgressReporter
} from '$lib/server/plan/progress';
import {
	addEvidenceFile,
	addEvidenceLink,
	deleteEvidence,
	evidenceFolder,
	findEvidence,
	type EvidenceOutcome
} from '$lib/server/plan/evidence';
import { toLocalDate } from '$lib/rules/local-dates';
import {
	activityFormSchema,
	commitmentFormSchema,
	evidenceLinkFormSchema,
	progressFormSchema
} from '$lib/validation/plan';
import type { Database } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// One commitment: its activities and milestones with their progress, evidence and linked
// agreements. Admins and the facilitator keep it; its responsible member (and the facilitator)
// report progress and add evidence — checked here on every action, not only by hiding forms.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	const today = toLocalDate(new Date(), access.rules.timeZone);
	const view = await readPlan(db, access.secretariat.id, event.params.plan, today);
	const commitment = view?.commitments.find((c) => c.id === event.params.commitment);
	if (!view || !commitment) error(404);
	const canEdit = access.can('plan.edit');
	const people = canEdit ? await listMembers(db, access.secretariat.id) : [];
	return {
		plan: { id: view.plan.id, title: view.plan.title },
		commitment,
		timeZone: access.rules.timeZone,
		updates: await listProgressUpdates(
			db,
			commitment.activities.map((a) => a.id),
			50
		),
		canEdit,
		canReport: await mayReportProgress(db, access, commitment),
		agreementOptions: canEdit ? await listAgreements(db, access.secretariat.id) : [],
		responsibleOptions: people
			.filter((p) => ['titular', 'substitute', 'facilitator'].includes(p.role))
			.map((p) => ({ id: p.id, name: p.name, role: p.role }))
	};
};

/** The activity of this commitment, for someone who may report on it; 404 or 403 otherwise. */
async function requireReportableActivity(
	db: Database,
	access: SecretariatAccess,
	commitmentId: string,
	activityId: string
) {
	const found = await findActivity(db, access.secretariat.id, activityId);
	if (!found || found.commitment.id !== commitmentId) error(404);
	await requireProgressReporter(db, access, found.commitment);
	return found;
}

function evidenceRefusal(outcome: Exclude<EvidenceOutcome, { ok: true }>, field: string) {
	const message = {
		empty: m.plan_evidence_refused_empty,
		'too-large': m.plan_evidence_refused_too_large,
		'type-not-allowed': m.plan_evidence_refused_type,
		'link-invalid': m.plan_evidence_refused_link
	}[outcome.reason]();
	return refuseForm(outcome.reason === 'too-large' ? 413 : 400, message, {
		errors: { [field]: message }
	});
}

const editor = async (event: Parameters<Actions[string]>[0]) => {
	const db = await getDatabase();
	return { db, access: await requireSecretariatAction(db, event, event.params.slug!, 'plan.edit') };
};
const reporter = async (event: Parameters<Actions[string]>[0]) => {
	const db = await getDatabase();
	return {
		db,
		access: await requireSecretariatAction(db, event, event.params.slug!, 'plan.report-progress')
	};
};

export const actions: Actions = {
	editCommitment: async (event) => {
		const { db, access } = await editor(event);
		const form = parseForm(commitmentFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const outcome = await updateCommitment(
			db,
			access.secretariat.id,
			event.params.commitment,
			form.data
		);
		if (!outcome.ok)
			return outcome.reason === 'not-found'
				? error(404)
				: refuseForm(400, m.plan_refused_responsible(), {
						errors: { responsibleMemberId: m.plan_refused_responsible() }
					});
		return { message: m.plan_commitment_saved() };
	},
	addActivity: async (event) => {
		const { db, access } = await editor(event);
		const form = parseForm(activityFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		if (!(await createActivity(db, access.secretariat.id, event.params.commitment, form.data)))
			error(404);
		return { message: m.plan_saved() };
	},
	deleteActivity: async (event) => {
		const { db, access } = await editor(event);
		const activityId = formText(await readFormData(event.request), 'activityId');
		const found = await findActivity(db, access.secretariat.id, activityId);
		if (!found || found.commitment.id !== event.params.commitment) error(404);
		const evidence = (await deleteActivity(db, access.secretariat.id, activityId)) ?? [];
		for (const file of evidence)
			if (file.storedName)
				await rm(path.join(evidenceFolder(), path.basename(file.storedName)), { force: true });
		return { message: m.plan_saved() };
	},
	reportProgress: async (event) => {
		const { db, access } = await reporter(event);
		const form = parseForm(progressFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { activityId, ...report } = form.data;
		await requireReportableActivity(db, access, event.params.commitment, activityId);
		await reportProgress(db, access, activityId, report);
		return { message: m.plan_progress_saved() };
	},
	addEvidenceFile: async (event) => {
		const { db, access } = await reporter(event);
		const data = await readFormData(event.request);
		const activityId = formText(data, 'activityId');
		if (!/^[0-9a-f-]{36}$/i.test(activityId)) error(404);
		await requireReportableActivity(db, access, event.params.commitment, activityId);
		const file = data.get('file');
		if (!(file instanceof File)) return evidenceRefusal({ ok: false, reason: 'empty' }, 'file');
		const title = String(data.get('title') ?? '');
		if (hasControlCharacters(title))
			return refuseForm(400, m.error_form_invalid(), {
				errors: { title: m.error_control_characters() }
			});
		const outcome = await addEvidenceFile(db, activityId, access.user.id, {
			name: file.name,
			title: title.trim(),
			bytes: new Uint8Array(await file.arrayBuffer())
		});
		if (!outcome.ok) return evidenceRefusal(outcome, 'file');
		return { message: m.plan_evidence_added() };
	},
	addEvidenceLink: async (event) => {
		const { db, access } = await reporter(event);
		const form = parseForm(evidenceLinkFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { activityId, ...link } = form.data;
		await requireReportableActivity(db, access, event.params.commitment, activityId);
		const outcome = await addEvidenceLink(db, activityId, access.user.id, link);
		if (!outcome.ok) return evidenceRefusal(outcome, 'url');
		return { message: m.plan_evidence_added() };
	},
	deleteEvidence: async (event) => {
		const { db, access } = await editor(event);
		const evidenceId = formText(await readFormData(event.request), 'evidenceId');
		const found = await findEvidence(db, access.secretariat.id, evidenceId);
		if (!found || found.commitment.id !== event.params.commitment) error(404);
		await deleteEvidence(db, evidenceId);
		return { message: m.plan_saved() };
	},
	linkAgreement: async (event) => {
		const { db, access } = await editor(event);
		const agreementId = formText(await readFormData(event.request), 'agreementId');
		const linked = await linkAgreement(
			db,
			access.secretariat.id,
			event.params.commitment,
			agreementId
		).catch(() => false);
		if (!linked) return refuseForm(400, m.plan_refused_not_found());
		return { message: m.plan_saved() };
	},
	unlinkAgreement: async (event) => {
		const { db, access } = await editor(event);
		const agreementId = formText(await readFormData(event.request), 'agreementId');
		await unlinkAgreement(db, access.secretariat.id, event.params.commitment, agreementId).catch(
			() => undefined
		);
		return { message: m.plan_saved() };
	}
};
