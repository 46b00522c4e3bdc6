/**
 * The secretariat forms' schemas: the shape of what a form may post, with each message from the
 * catalogues. Whether the values make sense together (a quorum larger than the seats…) is the
 * rules module's call (parseBodyRules), made after these pass.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { memberRoles } from '$lib/permissions/matrix';
import { mexicanTimeZones, presetIds, sectors } from '$lib/rules/body-rules-vocabulary';
import { isIsoDate } from '$lib/rules/local-dates';

const required = () => m.error_required();
const choice = () => m.error_choice_invalid();

function text(max: number) {
	return z
		.string({ error: required })
		.trim()
		.max(max, { error: () => m.error_too_long({ max }) });
}
const requiredText = (max: number) => text(max).min(1, { error: required });
const email = requiredText(254).pipe(z.email({ error: () => m.error_email_invalid() }));
const optionalEmail = text(254).pipe(
	z.union([z.literal(''), z.email({ error: () => m.error_email_invalid() })])
);

/**
 * A whole number typed in a form, at most `max` (the rules refuse what is below their own minimums,
 * with their own words; this bound keeps absurd values from reaching them).
 */
function wholeNumber(max: number) {
	return z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.regex(/^-?\d{1,6}$/, { error: () => m.error_whole_number() })
		.transform(Number)
		.refine((n) => n <= max, { error: () => m.error_number_too_large({ max }) });
}
function optionalWholeNumber(max: number) {
	return z
		.string()
		.trim()
		.regex(/^(-?\d{1,6})?$/, { error: () => m.error_whole_number() })
		.transform((value) => (value === '' ? null : Number(value)))
		.refine((n) => n === null || n <= max, { error: () => m.error_number_too_large({ max }) });
}

const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on');

export const newSecretariatSchema = z.object({
	name: requiredText(120),
	preset: z.enum([...presetIds, 'scratch'], { error: choice })
});

const role = z.enum(['guarantor', 'facilitator'], { error: choice });

export const rulesFormSchema = z.object({
	minutesSignatureMethod: z.enum(['password', 'efirma'], { error: choice }).default('password'),
	kind: z.enum(['stl', 'stm'], { error: choice }),
	seatCountMin: wholeNumber(25),
	seatCountMax: optionalWholeNumber(25),
	minCivilSocietyPersons: wholeNumber(25),
	convenedBy: role,
	presidedBy: z.enum(['guarantor', 'facilitator', 'none'], { error: choice }),
	directedBy: role,
	decisionMethod: z.enum(['consensus-then-vote', 'vote'], { error: choice }),
	minutesSignedBy: z.enum(['all-members', 'members-who-took-part'], { error: choice }),
	observersPromotion: z.enum(['at-least-one-meeting-per-term', 'in-meetings'], { error: choice }),
	observersConvenedBy: role,
	oversightDispatchedBy: role,
	liaison: z.enum(['named-by-guarantor', 'none'], { error: choice }),
	removalMinProposers: wholeNumber(25),
	quorumKind: z.enum(['majority', 'all', 'fixed'], { error: choice }),
	quorumSeats: optionalWholeNumber(25),
	ordinaryNoticeDays: wholeNumber(60),
	extraordinaryNoticeDays: wholeNumber(60),
	cancellationHours: wholeNumber(720),
	ordinaryFrequency: z.enum(['weekly', 'biweekly', 'monthly', 'bimonthly', 'quarterly'], {
		error: choice
	}),
	abstentionsCount: checkbox,
	tieCarries: checkbox,
	remoteAttendanceCounts: checkbox,
	termKind: z.enum(['years', 'municipal-administration'], { error: choice }),
	termYears: optionalWholeNumber(10),
	maxReelections: optionalWholeNumber(10),
	oversightRecipient: text(200),
	oversightEmail: optionalEmail,
	oversightDeadline: z.enum(['none', 'end-of-meeting-month', 'end-of-following-month'], {
		error: choice
	}),
	timeZone: z.enum(mexicanTimeZones, { error: choice })
});

const optionalDate = z
	.string()
	.trim()
	.refine((value) => value === '' || isIsoDate(value), { error: () => m.error_date_invalid() });

const person = (prefix: 'titular' | 'substitute') => ({
	[`${prefix}Name`]: text(120),
	[`${prefix}Position`]: text(160),
	[`${prefix}Email`]: optionalEmail,
	[`${prefix}Phone`]: text(40),
	[`${prefix}TermStartsOn`]: optionalDate,
	[`${prefix}TermEndsOn`]: optionalDate,
	[`${prefix}Reelections`]: z
		.string()
		.trim()
		.regex(/^\d{0,2}$/, { error: () => m.error_whole_number() })
});

/** A seat: its sector and organisation, a titular (name and email required), an optional substitute. */
export const seatFormSchema = z
	.object({
		sector: z.enum(sectors, { error: choice }),
		organisation: text(200),
		...person('titular'),
		...person('substitute')
	})
	.superRefine((form, context) => {
		const values = form as Record<string, string>;
		if (!values.titularName)
			context.addIssue({
				code: 'custom',
				path: ['titularName'],
				message: m.error_seat_needs_titular()
			});
		if (!values.titularEmail)
			context.addIssue({ code: 'custom', path: ['titularEmail'], message: m.error_required() });
		const substituteGiven = ['Name', 'Position', 'Email', 'Phone'].some(
			(f) => values[`substitute${f}`]
		);
		if (substituteGiven && !values.substituteName)
			context.addIssue({ code: 'custom', path: ['substituteName'], message: m.error_required() });
		if (substituteGiven && !values.substituteEmail)
			context.addIssue({ code: 'custom', path: ['substituteEmail'], message: m.error_required() });
	});

export const memberFormSchema = z.object({
	role: z.enum(
		memberRoles.filter((r) => r !== 'titular' && r !== 'substitute') as [
			'facilitator',
			...string[]
		],
		{ error: choice }
	),
	name: requiredText(120),
	position: text(160),
	email,
	phone: text(40)
});

export const nonWorkingDaySchema = z.object({
	date: z.string({ error: required }).refine(isIsoDate, { error: () => m.error_date_invalid() })
});

/** The member a per-person button (invite, remove) acts on. */
export const memberActionSchema = z.object({ memberId: z.uuid({ error: required }) });

export const meetingFormSchema = z.object({
	kind: z.enum(['ordinary', 'extraordinary'], { error: choice }),
	title: requiredText(200),
	date: z.string({ error: required }).refine(isIsoDate, { error: () => m.error_date_invalid() }),
	time: z
		.string({ error: required })
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.error_time_invalid() }),
	place: text(200)
});

/** A check-in: whose (a membership id), and whether from the room or remotely. */
export const attendanceFormSchema = z.object({
	memberId: z.uuid({ error: required }),
	remote: z
		.string()
		.optional()
		.transform((value) => value === 'on' || value === 'true')
});

export const motionFormSchema = z.object({ text: requiredText(2000) });

/** A seat's act on the motion, through the member's own membership. */
export const seatActSchema = z.object({
	memberId: z.uuid({ error: required }),
	choice: z.enum(['for', 'against', 'abstain'], { error: choice }).optional()
});
