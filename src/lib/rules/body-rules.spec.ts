import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProductDefaults, parseBodyRules, type BodyRules } from './body-rules';
import { copyPresetRules, presets } from './presets/index';

const CODE_PATTERN = /^rules\.[a-z-]+(\.[a-z-]+)*$/;

function parseWith(change: (rules: BodyRules) => void) {
	const rules = copyPresetRules('zacatecas-stl');
	change(rules);
	return parseBodyRules(rules);
}

function listCodes(change: (rules: BodyRules) => void): string[] {
	const result = parseWith(change);
	return result.ok ? [] : result.issues.map((issue) => issue.code);
}

describe('parseBodyRules', () => {
	it.each(presets.map((preset) => [preset.id, preset.rules] as const))(
		'accepts the %s preset',
		(_id, rules) => {
			expect(parseBodyRules(rules)).toEqual({ ok: true, rules });
		}
	);

	it.each([
		[
			'a fixed quorum larger than the seats',
			(r: BodyRules) => (r.quorum = { kind: 'fixed', seats: 8 }),
			'rules.quorum.exceeds-seats'
		],
		[
			'a fixed quorum below the majority',
			(r: BodyRules) => (r.quorum = { kind: 'fixed', seats: 3 }),
			'rules.quorum.below-majority'
		],
		[
			'a fixed quorum of zero',
			(r: BodyRules) => (r.quorum = { kind: 'fixed', seats: 0 }),
			'rules.quorum.not-positive'
		],
		[
			'a fractional quorum',
			(r: BodyRules) => (r.quorum = { kind: 'fixed', seats: 4.5 }),
			'rules.quorum.not-whole'
		],
		[
			'negative ordinary notice',
			(r: BodyRules) => (r.notice.ordinaryBusinessDays = -1),
			'rules.notice.negative'
		],
		[
			'negative extraordinary notice',
			(r: BodyRules) => (r.notice.extraordinaryBusinessDays = -2),
			'rules.notice.negative'
		],
		[
			'fractional notice',
			(r: BodyRules) => (r.notice.ordinaryBusinessDays = 2.5),
			'rules.notice.not-whole'
		],
		[
			'more notice for extraordinary than ordinary meetings',
			(r: BodyRules) => (r.notice.extraordinaryBusinessDays = 6),
			'rules.notice.extraordinary-exceeds-ordinary'
		],
		[
			'negative cancellation hours',
			(r: BodyRules) => (r.cancellation.minHoursBefore = -24),
			'rules.cancellation.negative-hours'
		],
		[
			'fewer seats than the body’s minimum',
			(r: BodyRules) => r.seats.pop(),
			'rules.seats.below-minimum'
		],
		[
			'more seats than the body’s maximum',
			(r: BodyRules) => r.seats.push({ id: 'extra', sector: 'citizenry' }),
			'rules.seats.above-maximum'
		],
		[
			'a body minimum under three seats',
			(r: BodyRules) => (r.seatCount.min = 2),
			'rules.seat-count.minimum-below-three'
		],
		[
			'a maximum below the minimum',
			(r: BodyRules) => (r.seatCount = { min: 7, max: 5 }),
			'rules.seat-count.maximum-below-minimum'
		],
		[
			'a maximum above the product limit',
			(r: BodyRules) => (r.seatCount.max = 40),
			'rules.seat-count.above-product-limit'
		],
		[
			'two seats with one id',
			(r: BodyRules) => (r.seats[1].id = 'executive'),
			'rules.seats.duplicate-id'
		],
		[
			'a seat id that is not a slug',
			(r: BodyRules) => (r.seats[0].id = 'Poder Ejecutivo'),
			'rules.seat.id-invalid'
		],
		[
			'an unknown sector',
			(r: BodyRules) => ((r.seats[0] as { sector: string }).sector = 'church'),
			'rules.seat.sector-invalid'
		],
		[
			'no seat for the guarantor who convenes',
			(r: BodyRules) => (r.seats[6].sector = 'academia'),
			'rules.seats.guarantor-missing'
		],
		[
			'too few civil-society seats for two persons',
			(r: BodyRules) => (r.minCivilSocietyPersons = 3),
			'rules.seats.civil-society-too-few'
		],
		[
			'a facilitator who votes',
			(r: BodyRules) => ((r as { facilitatorVotes: boolean }).facilitatorVotes = true),
			'rules.facilitator.may-not-vote'
		],
		[
			'a meeting order not opening with the quorum check',
			(r: BodyRules) => r.meetingOrder.items.reverse(),
			'rules.meeting-order.quorum-check-not-first'
		],
		[
			'a meeting order without agenda approval',
			(r: BodyRules) => r.meetingOrder.items.splice(1, 1),
			'rules.meeting-order.agenda-approval-missing'
		],
		[
			'a repeated agenda item kind',
			(r: BodyRules) => r.meetingOrder.items.push('quorum-check'),
			'rules.meeting-order.duplicate-item'
		],
		[
			'an impossible non-working day',
			(r: BodyRules) => r.nonWorkingDays.push('2025-02-30'),
			'rules.non-working-days.invalid-date'
		],
		[
			'a repeated non-working day',
			(r: BodyRules) => r.nonWorkingDays.push('2025-12-12', '2025-12-12'),
			'rules.non-working-days.duplicate'
		],
		[
			'a repeated website section',
			(r: BodyRules) => r.website.sections.push('contact'),
			'rules.website.duplicate-section'
		],
		[
			'a repeated ethics principle',
			(r: BodyRules) => r.ethicsPrinciples.push('honesty'),
			'rules.ethics.duplicate'
		],
		[
			'a term of zero years',
			(r: BodyRules) => (r.term.length = { kind: 'years', years: 0 }),
			'rules.term.years-invalid'
		],
		[
			'a municipal term for a state body',
			(r: BodyRules) => (r.term.length = { kind: 'municipal-administration' }),
			'rules.term.municipal-term-needs-stm'
		],
		[
			'negative re-elections',
			(r: BodyRules) => (r.term.maxReelections = -1),
			'rules.term.reelections-negative'
		],
		[
			'removal with no proposer',
			(r: BodyRules) => (r.removal.minProposers = 0),
			'rules.removal.proposers-not-positive'
		],
		[
			'removal needing every seat to propose',
			(r: BodyRules) => (r.removal.minProposers = 7),
			'rules.removal.proposers-exceed-seats'
		],
		[
			'a time zone outside Mexico',
			(r: BodyRules) => ((r as { timeZone: string }).timeZone = 'Europe/Madrid'),
			'rules.time-zone.invalid'
		],
		[
			'an unknown quorum kind',
			(r: BodyRules) => ((r.quorum as { kind: string }).kind = 'two-thirds'),
			'rules.quorum.invalid'
		],
		[
			'an empty oversight recipient',
			(r: BodyRules) => (r.oversight.recipient = ''),
			'rules.oversight.recipient-invalid'
		]
	])('rejects %s', (_label, change, expectedCode) => {
		expect(listCodes(change)).toContain(expectedCode);
	});

	it('reports where each issue is', () => {
		const result = parseWith((rules) => (rules.quorum = { kind: 'fixed', seats: 9 }));
		expect(result).toEqual({
			ok: false,
			reason: 'rules-invalid',
			issues: [{ path: 'quorum.seats', code: 'rules.quorum.exceeds-seats' }]
		});
	});

	it('accepts Tacámbaro growing beyond seven seats, having no upper bound (T I.1)', () => {
		const rules = copyPresetRules('tacambaro-stm');
		rules.seats.push({ id: 'academia-2', sector: 'academia' });
		expect(parseBodyRules(rules).ok).toBe(true);
	});

	it('rejects a body beyond the product limit of 25 seats even without its own maximum', () => {
		const rules = copyPresetRules('tacambaro-stm');
		for (let index = 0; index < 20; index++)
			rules.seats.push({ id: `citizenry-extra-${index}`, sector: 'citizenry' });
		const result = parseBodyRules(rules);
		expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toContain(
			'rules.seats.above-product-limit'
		);
	});

	it('answers only with codes, whatever it is given', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.anything(),
					fc.record({ seats: fc.anything(), quorum: fc.anything(), notice: fc.anything() })
				),
				(input) => {
					const result = parseBodyRules(input);
					expect(result.ok).toBe(false);
					if (!result.ok)
						for (const issue of result.issues) expect(issue.code).toMatch(CODE_PATTERN);
				}
			)
		);
	});

	it('answers only with codes when any single parameter is replaced by garbage', () => {
		const keys = Object.keys(copyPresetRules('inai-stl')) as (keyof BodyRules)[];
		fc.assert(
			fc.property(fc.constantFrom(...keys), fc.anything(), (key, garbage) => {
				const rules: Record<string, unknown> = copyPresetRules('inai-stl');
				rules[key] = garbage;
				const result = parseBodyRules(rules);
				if (!result.ok) for (const issue of result.issues) expect(issue.code).toMatch(CODE_PATTERN);
				else expect(result.rules[key]).toEqual(garbage);
			})
		);
	});
});

describe('createProductDefaults (RULES.md "Where the documents are silent")', () => {
	it('holds the documented defaults', () => {
		expect(createProductDefaults()).toEqual({
			remoteAttendanceCounts: true,
			facilitatorVotes: false,
			decision: {
				method: 'consensus-then-vote',
				abstentionsCountTowardMajority: false,
				tieCarries: false
			},
			meetingOrder: {
				items: [
					'quorum-check',
					'agenda-approval',
					'previous-minutes-approval',
					'reports-and-follow-up',
					'topics-and-conclusions',
					'materials-distribution'
				],
				indicative: true
			},
			attendeeVoice: { companions: true, guests: true },
			nonWorkingDays: [],
			timeZone: 'America/Mexico_City'
		});
	});

	it('gives each caller its own copy', () => {
		const first = createProductDefaults();
		first.meetingOrder.items.pop();
		expect(createProductDefaults().meetingOrder.items).toHaveLength(6);
	});
});
