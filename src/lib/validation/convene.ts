/**
 * The forms of convening and of the agreements register: the convocatoria's details (the meeting's
 * own fields plus the online link and the documents), an agenda proposal, an observer, a cancellation
 * request, an agreement's follow-up and a note. Messages come from the catalogues.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isIsoDate } from '$lib/rules/local-dates';
import { agreementStatuses } from '$lib/rules/agreement-follow-up';

const required = () => m.error_required();
const choice = () => m.error_choice_invalid();
const text = (max: number) =>
	z
		.string({ error: required })
		.trim()
		.max(max, { error: () => m.error_too_long({ max }) });
const requiredText = (max: number) => text(max).min(1, { error: required });
const isWebLink = (value: string) => {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
};

/** "Title | https://…" per line; blank lines are ignored. */
function readDocuments(value: string) {
	return value
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const bar = line.lastIndexOf('|');
			return { title: line.slice(0, Math.max(0, bar)).trim(), url: line.slice(bar + 1).trim() };
		});
}

export const convocationFormSchema = z.object({
	kind: z.enum(['ordinary', 'extraordinary'], { error: choice }),
	title: requiredText(200),
	date: z.string({ error: required }).refine(isIsoDate, { error: () => m.error_date_invalid() }),
	time: z
		.string({ error: required })
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.error_time_invalid() }),
	place: text(200),
	onlineUrl: text(500).refine((value) => value === '' || isWebLink(value), {
		error: () => m.convene_online_url_invalid()
	}),
	documents: text(5000)
		.transform(readDocuments)
		.refine((docs) => docs.every((doc) => doc.title && isWebLink(doc.url)), {
			error: () => m.convene_documents_invalid()
		})
});

export const proposalFormSchema = z.object({ text: requiredText(500) });
export const proposalDecisionSchema = z.object({
	proposalId: z.uuid({ error: required }),
	decision: z.enum(['integrate', 'decline'], { error: choice })
});
export const observerFormSchema = z.object({
	name: requiredText(200),
	email: requiredText(254).pipe(z.email({ error: () => m.error_email_invalid() }))
});
export const cancellationRequestSchema = z.object({ reason: requiredText(1000) });
export const membershipSchema = z.object({ memberId: z.uuid({ error: required }) });

export const agreementFollowUpSchema = z.object({
	agreementId: z.uuid({ error: required }),
	responsibleMemberId: z.union([z.literal(''), z.uuid({ error: choice })]),
	dueOn: z
		.string()
		.trim()
		.refine((value) => value === '' || isIsoDate(value), { error: () => m.error_date_invalid() }),
	status: z.enum(agreementStatuses, { error: choice })
});
export const agreementNoteSchema = z.object({
	agreementId: z.uuid({ error: required }),
	text: requiredText(2000),
	returnTo: z.string().optional()
});
