import { error } from '@sveltejs/kit';
import { asc, desc, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { communiques, evidenceFiles, meetings } from '$lib/server/db/schema';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { listPublicLinks, readPublicContact } from '$lib/server/public/site';
import {
	addCommunique,
	addPublicLink,
	deleteCommunique,
	deletePublicLink,
	savePublicContact,
	setCommuniquePublished,
	setMemberPublicConsent
} from '$lib/server/public/site-content';
import { deleteEvidence, setEvidencePublished, storeEvidence } from '$lib/server/public/evidence';
import { EVIDENCE_MAX_BYTES } from '$lib/server/public/evidence-rules';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import {
	communiqueSchema,
	consentSchema,
	contactSchema,
	evidenceSchema,
	itemSchema,
	linkSchema,
	publishSchema
} from '$lib/validation/public';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const manage = 'public-site.manage' as const;

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, manage);
	const id = access.secretariat.id;
	const canConsent = access.can('secretariat.manage-members');
	const [contact, items, links, files, meetingRows, people] = await Promise.all([
		readPublicContact(db, id),
		db
			.select()
			.from(communiques)
			.where(eq(communiques.secretariatId, id))
			.orderBy(desc(communiques.createdAt)),
		listPublicLinks(db, id),
		db
			.select()
			.from(evidenceFiles)
			.where(eq(evidenceFiles.secretariatId, id))
			.orderBy(desc(evidenceFiles.createdAt)),
		db
			.select({ id: meetings.id, title: meetings.title, scheduledAt: meetings.scheduledAt })
			.from(meetings)
			.where(eq(meetings.secretariatId, id))
			.orderBy(asc(meetings.scheduledAt)),
		canConsent ? listMembers(db, id) : Promise.resolve([])
	]);
	return {
		contact,
		communiques: items.map((c) => ({
			id: c.id,
			title: c.title,
			published: c.publishedAt !== null
		})),
		links: links.map((l) => ({ id: l.id, title: l.title, url: l.url })),
		files: files.map((f) => ({
			id: f.id,
			title: f.title,
			kind: f.kind,
			published: f.published,
			meetingId: f.meetingId
		})),
		meetings: meetingRows,
		canConsent,
		canAnswer: access.can('public-requests.answer'),
		canSeeJoinRequests: access.can('join-requests.view'),
		people: people.map((p) => ({ id: p.id, name: p.name, role: p.role, consent: p.publicConsent })),
		maxMegabytes: EVIDENCE_MAX_BYTES / (1024 * 1024),
		timeZone: access.rules.timeZone
	};
};

async function guard(
	event: RequestEvent,
	action: Parameters<typeof requireSecretariatAction>[3] = manage
) {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, action);
	return { db, access, id: access.secretariat.id, formData: await readFormData(event.request) };
}

// The body's admins and facilitator edit what the public site shows; each action checks again.
export const actions: Actions = {
	saveContact: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(contactSchema, formData);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		await savePublicContact(db, id, form.data);
		return { done: true, message: m.public_admin_saved() };
	},
	addCommunique: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(communiqueSchema, formData);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		await addCommunique(db, id, form.data);
		return { done: true, message: m.public_admin_saved() };
	},
	publishCommunique: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(publishSchema, formData);
		if (
			!form.ok ||
			!(await setCommuniquePublished(db, id, form.data.id, form.data.publish === 'true'))
		)
			error(404);
		return { done: true, message: m.public_admin_saved() };
	},
	deleteCommunique: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(itemSchema, formData);
		if (!form.ok || !(await deleteCommunique(db, id, form.data.id))) error(404);
		return { done: true, message: m.public_admin_deleted() };
	},
	addLink: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(linkSchema, formData);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		await addPublicLink(db, id, form.data);
		return { done: true, message: m.public_admin_saved() };
	},
	deleteLink: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(itemSchema, formData);
		if (!form.ok || !(await deletePublicLink(db, id, form.data.id))) error(404);
		return { done: true, message: m.public_admin_deleted() };
	},
	upload: async (event) => {
		const { db, id, access, formData } = await guard(event);
		const form = parseForm(evidenceSchema, formData);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const file = formData.get('file');
		if (!(file instanceof File) || file.size === 0)
			return refuseForm(400, m.error_form_invalid(), {
				values: form.data,
				errors: { file: m.public_evidence_missing() }
			});
		if (file.size > EVIDENCE_MAX_BYTES)
			return refuseForm(413, m.error_form_invalid(), {
				values: form.data,
				errors: { file: m.public_evidence_too_large({ max: EVIDENCE_MAX_BYTES / (1024 * 1024) }) }
			});
		const stored = await storeEvidence(db, {
			secretariatId: id,
			meetingId: form.data.meetingId || null,
			title: form.data.title,
			bytes: new Uint8Array(await file.arrayBuffer()),
			uploadedBy: access.user.id
		});
		if (!stored.ok) {
			const reasons = {
				empty: m.public_evidence_missing(),
				'too-large': m.public_evidence_too_large({ max: EVIDENCE_MAX_BYTES / (1024 * 1024) }),
				'type-not-allowed': m.public_evidence_type_refused(),
				'meeting-unknown': m.error_choice_invalid()
			};
			return refuseForm(stored.reason === 'meeting-unknown' ? 400 : 415, m.error_form_invalid(), {
				values: form.data,
				errors: {
					[stored.reason === 'meeting-unknown' ? 'meetingId' : 'file']: reasons[stored.reason]
				}
			});
		}
		return { done: true, message: m.public_evidence_uploaded({ title: stored.file.title }) };
	},
	publishFile: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(publishSchema, formData);
		if (
			!form.ok ||
			!(await setEvidencePublished(db, id, form.data.id, form.data.publish === 'true'))
		)
			error(404);
		return { done: true, message: m.public_admin_saved() };
	},
	deleteFile: async (event) => {
		const { db, id, formData } = await guard(event);
		const form = parseForm(itemSchema, formData);
		if (!form.ok || !(await deleteEvidence(db, id, form.data.id))) error(404);
		return { done: true, message: m.public_admin_deleted() };
	},
	consent: async (event) => {
		const { db, id, formData } = await guard(event, 'secretariat.manage-members');
		const form = parseForm(consentSchema, formData);
		if (
			!form.ok ||
			!(await setMemberPublicConsent(db, id, form.data.memberId, form.data.consent === 'true'))
		)
			error(404);
		return { done: true, message: m.public_admin_saved() };
	}
};
