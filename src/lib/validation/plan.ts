/**
 * The action plan's forms: plans, commitments, activities, progress reports and evidence links,
 * each message from the catalogues. Dates are the body's calendar days ('YYYY-MM-DD').
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isIsoDate } from '$lib/rules/local-dates';

const required = () => m.error_required();

function text(max: number) {
	return z
		.string({ error: required })
		.trim()
		.max(max, { error: () => m.error_too_long({ max }) });
}
const requiredText = (max: number) => text(max).min(1, { error: required });
const isoDate = z
	.string({ error: required })
	.trim()
	.refine(isIsoDate, { error: () => m.error_date_invalid() });

function wholeNumber(min: number, max: number, message: () => string) {
	return z
		.string({ error: required })
		.trim()
		.regex(/^\d{1,3}$/, { error: message })
		.transform(Number)
		.refine((n) => n >= min && n <= max, { error: message });
}

export const planFormSchema = z
	.object({ title: requiredText(200), startsOn: isoDate, endsOn: isoDate })
	.refine((plan) => plan.endsOn >= plan.startsOn, {
		path: ['endsOn'],
		error: () => m.plan_error_dates_order()
	});

export const commitmentFormSchema = z.object({
	title: requiredText(300),
	objective: text(4000),
	institution: text(300),
	responsibleMemberId: z
		.union([z.literal(''), z.uuid({ error: () => m.error_choice_invalid() })])
		.transform((value) => value || null)
});

export const activityFormSchema = z
	.object({
		kind: z.enum(['activity', 'milestone'], { error: () => m.error_choice_invalid() }),
		title: requiredText(300),
		startsOn: isoDate,
		dueOn: isoDate,
		weight: wholeNumber(1, 100, () => m.plan_error_weight())
	})
	.refine((activity) => activity.dueOn >= activity.startsOn, {
		path: ['dueOn'],
		error: () => m.plan_error_dates_order()
	});

export const progressFormSchema = z.object({
	activityId: z.uuid({ error: required }),
	progress: wholeNumber(0, 100, () => m.plan_error_progress()),
	note: text(2000)
});

export const evidenceLinkFormSchema = z.object({
	activityId: z.uuid({ error: required }),
	url: requiredText(2000),
	title: text(200)
});
