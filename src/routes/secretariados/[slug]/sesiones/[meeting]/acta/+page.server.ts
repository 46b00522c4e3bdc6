import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import {
	addMinutesComment,
	approveMinutesVersion,
	findMinutesVersion,
	freezeCorrectedVersion,
	isSigningComplete,
	listVersionSignatures,
	readMinutesRecord,
	signMinutesVersion,
	type SignRefusal
} from '$lib/server/minutes/minutes';
import { mailSignedMinutes, minutesPdfPath } from '$lib/server/minutes/minutes-files';
import {
	minutesApprovalSchema,
	minutesCommentSchema,
	minutesSignatureSchema
} from '$lib/validation/minutes';
import { minutesSignatureMethod } from '$lib/rules';
import { findEfirmaIdentity, listEfirmaSignatures } from '$lib/server/efirma/efirma-signing';
import { requireMeetingAction } from '../meeting-access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The minutes of one meeting: every frozen version, its comments, approval and signatures.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting, mine } = await requireMeetingAction(db, event, 'minutes.read');
	const { versions } = await readMinutesRecord(db, meeting.id);
	const newest = versions[0];
	const decided = new Set(newest?.signatures.map((s) => s.memberId) ?? []);
	const method = minutesSignatureMethod(access.rules);
	const toSign =
		access.can('minutes.sign') &&
		newest &&
		(newest.approvedAt !== null || !access.rules.minutes.approvalRequired)
			? mine
					.filter((p) => newest.content.signers.some((s) => s.memberId === p.id))
					.filter((p) => !decided.has(p.id))
			: [];
	return {
		signatureMethod: method,
		// The e.firma signatures of the newest version (the PDF holds them), with the seat holders'
		// RFC and CURP on record for the signer's own seats, which their browser checks first.
		efirma: {
			signatures: newest && method === 'efirma' ? await listEfirmaSignatures(db, newest.id) : [],
			holders: Object.fromEntries(
				await Promise.all(
					toSign.map(async (p) => [p.id, await findEfirmaIdentity(db, p.id)] as const)
				)
			)
		},
		meeting: { id: meeting.id, title: meeting.title, status: meeting.status },
		timeZone: access.rules.timeZone,
		versions: versions.map((v) => ({
			number: v.number,
			sha256: v.sha256,
			content: v.content,
			frozenAt: v.frozenAt,
			approvedAt: v.approvedAt,
			approvalMethod: v.approvalMethod,
			approvalNote: v.approvalNote,
			comments: v.comments.map(({ id, authorName, text, createdAt }) => ({
				id,
				authorName,
				text,
				createdAt
			})),
			signatures: v.signatures.map(({ memberId, decision, reason, at }) => ({
				memberId,
				decision,
				reason,
				at
			})),
			pdf: access.can('documents.download')
				? minutesPdfPath(access.secretariat.slug, meeting.id, v.number)
				: null
		})),
		controls: {
			comment: access.can('minutes.comment'),
			approve: access.can('minutes.approve') && meeting.status === 'closed'
		},
		// The signer's own memberships that still have to sign the newest version.
		toSign: toSign.map((p) => ({ id: p.id, name: p.name }))
	};
};

async function versionFor(event: RequestEvent, action: Parameters<typeof requireMeetingAction>[2]) {
	const db = await getDatabase();
	const context = await requireMeetingAction(db, event, action);
	const form = await readFormData(event.request);
	return { db, ...context, form };
}

const signRefusals: Record<SignRefusal, () => string> = {
	'wrong-password': m.minutes_sign_wrong_password,
	'not-approved': m.minutes_sign_refused_not_approved,
	'not-a-signer': m.minutes_sign_refused_not_a_signer,
	'already-decided': m.minutes_sign_refused_already_decided,
	superseded: m.minutes_sign_refused_superseded
};

/** Signs or refuses through one of the person's own memberships; the last one sends the copies. */
async function decideSignature(event: RequestEvent, decision: 'signed' | 'refused') {
	const { db, access, meeting, mine, form } = await versionFor(event, 'minutes.sign');
	const parsed = parseForm(minutesSignatureSchema, form);
	if (!parsed.ok) return refuseForm(400, m.minutes_sign_invalid(), parsed);
	if (!mine.some((p) => p.id === parsed.data.memberId)) error(403);
	if (decision === 'refused' && !parsed.data.reason)
		return refuseForm(400, m.minutes_sign_reason_required(), {
			errors: { reason: m.minutes_sign_reason_required() }
		});
	const version = await findMinutesVersion(db, meeting.id, parsed.data.version);
	if (!version) error(404);
	// A body that signs with e.firma signs only with it; a refusal still takes the password.
	if (decision === 'signed' && minutesSignatureMethod(access.rules) === 'efirma')
		return refuseForm(409, m.efirma_refused_password_not_allowed());
	const result = await signMinutesVersion(db, access, version, {
		memberId: parsed.data.memberId,
		userId: access.user.id,
		password: parsed.data.password,
		decision,
		reason: parsed.data.reason,
		clientAddress: event.getClientAddress()
	});
	if (!result.ok) {
		return refuseForm(
			result.reason === 'wrong-password' ? 403 : 409,
			signRefusals[result.reason](),
			{
				values: { reason: parsed.data.reason }
			}
		);
	}
	if (isSigningComplete(version, await listVersionSignatures(db, version.id))) {
		await mailSignedMinutes(
			db,
			{
				origin: event.url.origin,
				slug: access.secretariat.slug,
				bodyName: access.secretariat.name,
				meeting
			},
			version
		);
	}
	return { done: m.minutes_signed_done() };
}

export const actions: Actions = {
	comment: async (event) => {
		const { db, meeting, access, form } = await versionFor(event, 'minutes.comment');
		const parsed = parseForm(minutesCommentSchema, form);
		if (!parsed.ok) return refuseForm(400, m.minutes_comment_required(), parsed);
		const version = await findMinutesVersion(db, meeting.id, parsed.data.version);
		if (!version) error(404);
		await addMinutesComment(
			db,
			version,
			{ userId: access.user.id, name: access.user.name },
			parsed.data.text
		);
		return { done: m.minutes_signed_done() };
	},
	approve: async (event) => {
		const { db, meeting, access, form } = await versionFor(event, 'minutes.approve');
		const parsed = parseForm(minutesApprovalSchema, form);
		if (!parsed.ok) return refuseForm(400, m.minutes_approve_invalid(), parsed);
		const version = await findMinutesVersion(db, meeting.id, parsed.data.version);
		if (!version) error(404);
		const result = await approveMinutesVersion(db, version, {
			method: parsed.data.method,
			note: parsed.data.note,
			userId: access.user.id
		});
		if (!result.ok)
			return refuseForm(
				409,
				result.reason === 'superseded'
					? m.minutes_refused_superseded()
					: m.minutes_refused_already_approved()
			);
		return { done: m.minutes_signed_done() };
	},
	correct: async (event) => {
		const { db, meeting, access } = await versionFor(event, 'minutes.approve');
		const result = await freezeCorrectedVersion(db, access, meeting.id, access.user.id);
		if (!result.ok) return refuseForm(409, m.minutes_refused_not_closed());
		return { done: m.minutes_signed_done() };
	},
	sign: (event) => decideSignature(event, 'signed'),
	refuse: (event) => decideSignature(event, 'refused')
};
