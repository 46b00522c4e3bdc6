import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { updateSecretariatRules, type RulesIssues } from '$lib/server/secretariats/secretariats';
import { parseForm, readFormData, refuseForm, type FieldErrors } from '$lib/server/forms';
import { describeRulesIssue } from '$lib/i18n/rules';
import { findPreset, mexicanTimeZones, minutesSignatureMethod, type BodyRules } from '$lib/rules';
import { rulesFormSchema } from '$lib/validation/secretariat';
import type { Actions, PageServerLoad } from './$types';

/** The form field that shows a rules issue, by the issue's path in BodyRules. */
const fieldOfPath: [RegExp, string][] = [
	[/^seats\.below-minimum|^seatCount\.min/, 'seatCountMin'],
	[/^seats\.above-maximum|^seatCount/, 'seatCountMax'],
	[/^seats\.civil-society|^minCivilSociety/, 'minCivilSocietyPersons'],
	[/^removal/, 'removalMinProposers'],
	[/^term\.municipal-term-needs-stm/, 'termKind'],
	[/^quorum\.seats|^quorum$/, 'quorumSeats'],
	[/^notice\.ordinary/, 'ordinaryNoticeDays'],
	[/^notice/, 'extraordinaryNoticeDays'],
	[/^cancellation/, 'cancellationHours'],
	[/^term\.length/, 'termYears'],
	[/^term\.maxReelections/, 'maxReelections'],
	[/^term/, 'termKind'],
	[/^oversight\.recipient/, 'oversightRecipient'],
	[/^oversight\.dispatchedBy/, 'oversightDispatchedBy'],
	[/^observers\.convenedBy/, 'observersConvenedBy'],
	[/^liaison/, 'liaison'],
	[/^oversight/, 'oversightDeadline']
];

function errorsOfIssues(issues: RulesIssues): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		// Matched on the code's subject (seats.above-maximum) or else on the path (quorum.seats).
		const subject = issue.code.replace(/^rules\./, '');
		const field =
			fieldOfPath.find(([pattern]) => pattern.test(subject) || pattern.test(issue.path))?.[1] ??
			'form';
		errors[field] ??= describeRulesIssue(issue.code);
	}
	return errors;
}

function formValues(rules: BodyRules, oversightEmail: string | null): Record<string, string> {
	return {
		kind: rules.kind,
		seatCountMin: String(rules.seatCount.min),
		seatCountMax: rules.seatCount.max === null ? '' : String(rules.seatCount.max),
		minCivilSocietyPersons: String(rules.minCivilSocietyPersons),
		convenedBy: rules.convenedBy,
		presidedBy: rules.presidedBy,
		directedBy: rules.directedBy,
		decisionMethod: rules.decision.method,
		minutesSignedBy: rules.minutes.signedBy,
		minutesSignatureMethod: minutesSignatureMethod(rules),
		observersPromotion: rules.observers.promotion,
		observersConvenedBy: rules.observers.convenedBy,
		oversightDispatchedBy: rules.oversight.dispatchedBy,
		liaison: rules.liaison,
		removalMinProposers: String(rules.removal.minProposers),
		quorumKind: rules.quorum.kind,
		quorumSeats: rules.quorum.kind === 'fixed' ? String(rules.quorum.seats) : '',
		ordinaryNoticeDays: String(rules.notice.ordinaryBusinessDays),
		extraordinaryNoticeDays: String(rules.notice.extraordinaryBusinessDays),
		cancellationHours: String(rules.cancellation.minHoursBefore),
		ordinaryFrequency: rules.meetings.ordinaryFrequency,
		abstentionsCount: rules.decision.abstentionsCountTowardMajority ? 'on' : '',
		tieCarries: rules.decision.tieCarries ? 'on' : '',
		remoteAttendanceCounts: rules.remoteAttendanceCounts ? 'on' : '',
		termKind: rules.term.length.kind,
		termYears: rules.term.length.kind === 'years' ? String(rules.term.length.years) : '',
		maxReelections: rules.term.maxReelections === null ? '' : String(rules.term.maxReelections),
		oversightRecipient: rules.oversight.recipient ?? '',
		oversightEmail: oversightEmail ?? '',
		oversightDeadline: rules.oversight.deadline,
		timeZone: rules.timeZone
	};
}

export const load: PageServerLoad = async (event) => {
	const access = await requireSecretariatAction(
		await getDatabase(),
		event,
		event.params.slug,
		'secretariat.edit-rules'
	);
	return {
		values: formValues(access.rules, access.secretariat.oversightEmail),
		timeZones: mexicanTimeZones,
		// What the body's source document suggests for the signature (presets/*.ts), if any.
		signatureSuggestion:
			findPreset(access.secretariat.presetId ?? '')?.suggestions?.signatureMethod ?? null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(
			db,
			event,
			event.params.slug,
			'secretariat.edit-rules'
		);
		const form = parseForm(rulesFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const f = form.data;
		const { rules } = access;
		const changes: Partial<BodyRules> = {
			kind: f.kind,
			seatCount: { min: f.seatCountMin, max: f.seatCountMax },
			minCivilSocietyPersons: f.minCivilSocietyPersons,
			convenedBy: f.convenedBy,
			presidedBy: f.presidedBy,
			directedBy: f.directedBy,
			minutes: {
				...rules.minutes,
				signedBy: f.minutesSignedBy,
				signatureMethod: f.minutesSignatureMethod
			},
			observers: { promotion: f.observersPromotion, convenedBy: f.observersConvenedBy },
			liaison: f.liaison,
			removal: { ...rules.removal, minProposers: f.removalMinProposers },
			quorum:
				f.quorumKind === 'fixed'
					? { kind: 'fixed', seats: f.quorumSeats ?? 0 }
					: { kind: f.quorumKind },
			notice: {
				...rules.notice,
				ordinaryBusinessDays: f.ordinaryNoticeDays,
				extraordinaryBusinessDays: f.extraordinaryNoticeDays
			},
			cancellation: { ...rules.cancellation, minHoursBefore: f.cancellationHours },
			meetings: { ...rules.meetings, ordinaryFrequency: f.ordinaryFrequency },
			decision: {
				...rules.decision,
				abstentionsCountTowardMajority: f.abstentionsCount,
				tieCarries: f.tieCarries
			},
			remoteAttendanceCounts: f.remoteAttendanceCounts,
			term: {
				...rules.term,
				length:
					f.termKind === 'years'
						? { kind: 'years', years: f.termYears ?? 0 }
						: { kind: 'municipal-administration' },
				maxReelections: f.maxReelections
			},
			oversight: {
				...rules.oversight,
				dispatchedBy: f.oversightDispatchedBy,
				recipient: f.oversightRecipient || null,
				deadline: f.oversightDeadline
			},
			timeZone: f.timeZone
		};
		const saved = await updateSecretariatRules(db, access.secretariat.id, changes, {
			oversightEmail: f.oversightEmail || null
		});
		const values = Object.fromEntries(
			Object.entries(f).map(([key, value]) => [
				key,
				value === true ? 'on' : value === false || value === null ? '' : String(value)
			])
		);
		if (!saved.ok)
			return refuseForm(400, m.error_form_invalid(), {
				errors: errorsOfIssues(saved.issues),
				values
			});
		return { saved: true, message: m.rules_saved() };
	}
};
