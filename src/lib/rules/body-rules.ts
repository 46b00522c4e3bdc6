/**
 * The rules a body runs by: one typed, schema-validated value carrying every parameter of RULES.md's
 * table, so that each preset (presets/) and any other body's own configuration is the same shape.
 * Cross-field checks live in body-rules-checks.ts. Every schema error message is a stable code
 * ('rules.<parameter>.<problem>') that the UI translates; nothing here is user-facing prose.
 *
 * Articles: the table of RULES.md — Z arts. 2 III, 4, 5, 7, 8, 9, 11; I I, III, IV, V, VI, VIII;
 * T I, III, IV, VI, VIII — and its "Where the documents are silent" defaults
 * (`createProductDefaults`). The closed lists of codes it uses are in body-rules-vocabulary.ts.
 *
 * Glossary (Spanish → code):
 *   integrante / titular → seat's titular; suplente → substitute; sector → sector;
 *   organismo garante → 'guarantor'; facilitador → 'facilitator'; quórum → quorum;
 *   sesión ordinaria / extraordinaria → ordinary / extraordinary meeting; convocatoria → notice;
 *   orden del día → agenda; minuta / acta → minutes; vigencia → term; reelección → re-election;
 *   remoción (designación sin efectos) → removal; observador social → observer;
 *   acompañante → companion; invitado → guest; enlace → liaison; micrositio → microsite.
 */
import { z } from 'zod';
import { listBodyRulesConflicts } from './body-rules-checks';
import {
	agendaItemKinds,
	ethicsPrinciples,
	mexicanTimeZones,
	sectors,
	websiteSections,
	type PresetId
} from './body-rules-vocabulary';
import { isIsoDate } from './local-dates';

/** Product-wide bounds on the number of seats; each body narrows them with its own `seatCount`. */
export const MIN_SEATS = 3;
export const MAX_SEATS = 25;

const code = (issueCode: string) => ({ error: issueCode });
const flag = (issueCode: string) => z.boolean(code(issueCode));
const wholeNumber = (issueCode: string) => z.number(code(issueCode)).int(code(issueCode));

const seatSchema = z.object(
	{
		id: z
			.string(code('rules.seat.id-invalid'))
			.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, code('rules.seat.id-invalid')),
		sector: z.enum(sectors, code('rules.seat.sector-invalid'))
	},
	code('rules.seat.invalid')
);

const quorumSchema = z.discriminatedUnion(
	'kind',
	[
		z.object({ kind: z.literal('majority') }),
		z.object({ kind: z.literal('all') }),
		z.object({
			kind: z.literal('fixed'),
			seats: wholeNumber('rules.quorum.not-whole').min(1, code('rules.quorum.not-positive'))
		})
	],
	code('rules.quorum.invalid')
);

const noticeDays = wholeNumber('rules.notice.not-whole').min(0, code('rules.notice.negative'));
const role = (issueCode: string) => z.enum(['guarantor', 'facilitator'], code(issueCode));

const termLengthSchema = z.discriminatedUnion(
	'kind',
	[
		z.object({
			kind: z.literal('years'),
			years: wholeNumber('rules.term.years-invalid').min(1, code('rules.term.years-invalid'))
		}),
		z.object({ kind: z.literal('municipal-administration') })
	],
	code('rules.term.length-invalid')
);

const bodyRulesShape = z.object(
	{
		kind: z.enum(['stl', 'stm'], code('rules.kind.invalid')),
		seats: z
			.array(seatSchema, code('rules.seats.invalid'))
			.max(MAX_SEATS, code('rules.seats.above-product-limit')),
		seatCount: z.object(
			{
				min: wholeNumber('rules.seat-count.invalid').min(
					MIN_SEATS,
					code('rules.seat-count.minimum-below-three')
				),
				max: wholeNumber('rules.seat-count.invalid')
					.max(MAX_SEATS, code('rules.seat-count.above-product-limit'))
					.nullable()
			},
			code('rules.seat-count.invalid')
		),
		minCivilSocietyPersons: wholeNumber('rules.civil-society.invalid').min(
			0,
			code('rules.civil-society.invalid')
		),
		substitutesPerSeat: z.union([z.literal(0), z.literal(1)], code('rules.substitutes.invalid')),
		quorum: quorumSchema,
		remoteAttendanceCounts: flag('rules.remote-attendance.invalid'),
		meetings: z.object(
			{
				ordinaryFrequency: z.enum(
					['weekly', 'biweekly', 'monthly', 'bimonthly', 'quarterly'],
					code('rules.meetings.frequency-invalid')
				),
				extraordinary: z.literal('when-warranted', code('rules.meetings.extraordinary-invalid'))
			},
			code('rules.meetings.invalid')
		),
		notice: z.object(
			{
				ordinaryBusinessDays: noticeDays,
				extraordinaryBusinessDays: noticeDays,
				agendaAttached: flag('rules.notice.agenda-invalid')
			},
			code('rules.notice.invalid')
		),
		cancellation: z.object(
			{
				minHoursBefore: wholeNumber('rules.cancellation.hours-not-whole').min(
					0,
					code('rules.cancellation.negative-hours')
				),
				approval: z.literal('all-members', code('rules.cancellation.approval-invalid'))
			},
			code('rules.cancellation.invalid')
		),
		convenedBy: role('rules.convened-by.invalid'),
		presidedBy: z.enum(['guarantor', 'facilitator', 'none'], code('rules.presided-by.invalid')),
		directedBy: role('rules.directed-by.invalid'),
		facilitatorVotes: z.literal(false, code('rules.facilitator.may-not-vote')),
		decision: z.object(
			{
				method: z.enum(['consensus-then-vote', 'vote'], code('rules.decision.method-invalid')),
				abstentionsCountTowardMajority: flag('rules.decision.abstentions-invalid'),
				tieCarries: flag('rules.decision.tie-invalid')
			},
			code('rules.decision.invalid')
		),
		agendaApprovedAtEachMeeting: flag('rules.agenda-approval.invalid'),
		meetingOrder: z.object(
			{
				items: z.array(
					z.enum(agendaItemKinds, code('rules.meeting-order.item-invalid')),
					code('rules.meeting-order.invalid')
				),
				indicative: flag('rules.meeting-order.invalid')
			},
			code('rules.meeting-order.invalid')
		),
		minutes: z.object(
			{
				draftedBy: z.literal('facilitator', code('rules.minutes.drafted-by-invalid')),
				approvalRequired: flag('rules.minutes.invalid'),
				initialedOnEveryPage: flag('rules.minutes.invalid'),
				signedAtBottomSameDay: flag('rules.minutes.invalid'),
				signedBy: z.enum(
					['all-members', 'members-who-took-part'],
					code('rules.minutes.signed-by-invalid')
				),
				copyToEachMember: flag('rules.minutes.invalid'),
				// How the signers sign (issue 14): 'password' re-entered in the app (absent means it,
				// so a body that does nothing keeps it) or 'efirma', the SAT's advanced electronic
				// signature embedded in the PDF (PAdES), the electronic equal of the autograph
				// signature the documents ask for (Z art. 7.5, I III.6, T III.6; LFEA art. 7).
				signatureMethod: z
					.enum(['password', 'efirma'], code('rules.minutes.signature-method-invalid'))
					.optional()
			},
			code('rules.minutes.invalid')
		),
		oversight: z.object(
			{
				deadline: z.enum(
					['none', 'end-of-meeting-month', 'end-of-following-month'],
					code('rules.oversight.deadline-invalid')
				),
				dispatchedBy: role('rules.oversight.dispatched-by-invalid'),
				recipient: z
					.string(code('rules.oversight.recipient-invalid'))
					.min(1, code('rules.oversight.recipient-invalid'))
					.nullable()
			},
			code('rules.oversight.invalid')
		),
		observers: z.object(
			{
				promotion: z.enum(
					['at-least-one-meeting-per-term', 'in-meetings'],
					code('rules.observers.promotion-invalid')
				),
				convenedBy: role('rules.observers.convened-by-invalid')
			},
			code('rules.observers.invalid')
		),
		attendeeVoice: z.object(
			{
				companions: flag('rules.attendee-voice.invalid'),
				guests: flag('rules.attendee-voice.invalid')
			},
			code('rules.attendee-voice.invalid')
		),
		term: z.object(
			{
				length: termLengthSchema,
				maxReelections: wholeNumber('rules.term.reelections-invalid')
					.min(0, code('rules.term.reelections-negative'))
					.nullable(),
				handoverAtEnd: flag('rules.term.handover-invalid')
			},
			code('rules.term.invalid')
		),
		removal: z.object(
			{
				minProposers: wholeNumber('rules.removal.proposers-invalid').min(
					1,
					code('rules.removal.proposers-not-positive')
				),
				votedBy: z.literal('all-members', code('rules.removal.voted-by-invalid')),
				atNextMeeting: flag('rules.removal.invalid')
			},
			code('rules.removal.invalid')
		),
		electronicChannelRequired: flag('rules.electronic-channel.invalid'),
		website: z.object(
			{
				kind: z.enum(['website', 'microsite'], code('rules.website.kind-invalid')),
				sections: z.array(
					z.enum(websiteSections, code('rules.website.section-invalid')),
					code('rules.website.invalid')
				)
			},
			code('rules.website.invalid')
		),
		liaison: z.enum(['named-by-guarantor', 'none'], code('rules.liaison.invalid')),
		ethicsPrinciples: z.array(
			z.enum(ethicsPrinciples, code('rules.ethics.invalid')),
			code('rules.ethics.invalid')
		),
		nonWorkingDays: z.array(
			z
				.string(code('rules.non-working-days.invalid-date'))
				.refine(isIsoDate, code('rules.non-working-days.invalid-date')),
			code('rules.non-working-days.invalid')
		),
		timeZone: z.enum(mexicanTimeZones, code('rules.time-zone.invalid'))
	},
	code('rules.invalid')
);

export const bodyRulesSchema = bodyRulesShape.superRefine((rules, context) => {
	for (const conflict of listBodyRulesConflicts(rules)) {
		context.addIssue({ code: 'custom', message: conflict.code, path: conflict.path });
	}
});

export type BodyRules = z.infer<typeof bodyRulesShape>;
export type Seat = BodyRules['seats'][number];
export type Sector = Seat['sector'];
export type AgendaItemKind = (typeof agendaItemKinds)[number];

/**
 * RULES.md "Where the documents are silent": the values a preset takes where its document says
 * nothing, and a new body's starting point in the configuration UI. A function, so that every caller
 * gets its own copy to keep or change.
 */
export function createProductDefaults(): Pick<
	BodyRules,
	| 'remoteAttendanceCounts'
	| 'facilitatorVotes'
	| 'decision'
	| 'meetingOrder'
	| 'attendeeVoice'
	| 'nonWorkingDays'
	| 'timeZone'
> {
	return {
		remoteAttendanceCounts: true,
		facilitatorVotes: false,
		decision: {
			method: 'consensus-then-vote',
			abstentionsCountTowardMajority: false,
			tieCarries: false
		},
		meetingOrder: { items: [...agendaItemKinds], indicative: true },
		attendeeVoice: { companions: true, guests: true },
		nonWorkingDays: [],
		timeZone: 'America/Mexico_City'
	};
}

export type BodyRulesParse =
	| { ok: true; rules: BodyRules }
	| { ok: false; reason: 'rules-invalid'; issues: { path: string; code: string }[] };

/**
 * Validates an unknown value (a stored configuration, a form) as a body's rules. Returns the rules or
 * every issue as a path and a 'rules.*' code for the UI to translate; the data layer calls it before
 * saving a body's configuration, and the presets' tests call it on each preset.
 */
export function parseBodyRules(input: unknown): BodyRulesParse {
	const result = bodyRulesSchema.safeParse(input);
	if (result.success) return { ok: true, rules: result.data };
	const issues = result.error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		code: issue.message
	}));
	return { ok: false, reason: 'rules-invalid', issues };
}

/**
 * A source document's rules as a ready configuration: the rules, the document's title and file, and
 * for every parameter the articles it comes from (an empty list: the document is silent and the
 * product's default applies). Defined in presets/.
 */
export interface BodyRulesPreset {
	id: PresetId;
	sourceTitle: string;
	sourceFile: string;
	rules: BodyRules;
	references: Record<keyof BodyRules, readonly string[]>;
	/**
	 * What the source document suggests where it does not decide a parameter itself: shown beside
	 * the parameter, never applied on its own (a body's rules change only when its admins save).
	 */
	suggestions?: {
		signatureMethod: { value: 'password' | 'efirma'; references: readonly string[] };
	};
}

/** How a body's minutes are signed: its rules' choice, the password when it made none. */
export function minutesSignatureMethod(rules: Pick<BodyRules, 'minutes'>): 'password' | 'efirma' {
	return rules.minutes.signatureMethod ?? 'password';
}
