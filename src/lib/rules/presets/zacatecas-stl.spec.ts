import { describe, expect, it } from 'vitest';
import { parseBodyRules } from '../body-rules';
import { zacatecasStlPreset as preset } from './zacatecas-stl';

const readAt = (value: unknown, path: string) =>
	path.split('.').reduce((node, key) => (node as Record<string, unknown>)[key], value);

// [parameter path, value, article] — a parenthesis notes what the article leaves to the product;
// 'default' marks RULES.md's defaults where the Lineamientos are silent.
const table: [string, unknown, string][] = [
	['kind', 'stl', 'Z art. 2 III'],
	[
		'seats',
		[
			{ id: 'executive', sector: 'executive' },
			{ id: 'legislative', sector: 'legislative' },
			{ id: 'judicial', sector: 'judicial' },
			{ id: 'municipal-government', sector: 'municipal-government' },
			{ id: 'civil-society', sector: 'civil-society' },
			{ id: 'academia', sector: 'academia' },
			{ id: 'guarantor', sector: 'guarantor' }
		],
		'Z art. 2 III'
	],
	['seatCount', { min: 7, max: 7 }, 'Z art. 2 III'],
	['minCivilSocietyPersons', 2, 'Z art. 5'],
	['substitutesPerSeat', 1, 'Z art. 2 III'],
	['quorum', { kind: 'majority' }, 'Z art. 7.1'],
	['remoteAttendanceCounts', true, 'default'],
	['meetings.ordinaryFrequency', 'monthly', 'Z art. 7.2'],
	['meetings.extraordinary', 'when-warranted', 'Z art. 7.2'],
	['notice.ordinaryBusinessDays', 5, 'Z art. 7.3'],
	['notice.extraordinaryBusinessDays', 2, 'Z art. 7.3'],
	['notice.agendaAttached', true, 'Z art. 7.3'],
	['cancellation.minHoursBefore', 24, 'Z art. 7.4'],
	['cancellation.approval', 'all-members', 'Z art. 7.4'],
	['convenedBy', 'guarantor', 'Z art. 11 I'],
	['presidedBy', 'none', 'default'],
	['directedBy', 'facilitator', 'Z art. 9.1'],
	['facilitatorVotes', false, 'default'],
	[
		'decision',
		{ method: 'consensus-then-vote', abstentionsCountTowardMajority: false, tieCarries: false },
		'default'
	],
	['agendaApprovedAtEachMeeting', true, 'Z art. 7'],
	[
		'meetingOrder.items',
		[
			'quorum-check',
			'agenda-approval',
			'previous-minutes-approval',
			'reports-and-follow-up',
			'topics-and-conclusions',
			'materials-distribution'
		],
		'Z art. 8'
	],
	['meetingOrder.indicative', true, 'Z art. 8'],
	['minutes.draftedBy', 'facilitator', 'Z art. 9.3'],
	['minutes.approvalRequired', true, 'Z art. 7.5'],
	['minutes.initialedOnEveryPage', true, 'Z art. 7.5'],
	['minutes.signedAtBottomSameDay', true, 'Z art. 7.5'],
	['minutes.signedBy', 'members-who-took-part', 'Z art. 7.5'],
	['minutes.copyToEachMember', true, 'Z art. 7.6'],
	['oversight.deadline', 'none', 'Z art. 11 III'],
	['oversight.dispatchedBy', 'guarantor', 'Z art. 11 III'],
	['oversight.recipient', null, 'Z art. 11 III (recipient: a setting)'],
	['observers.promotion', 'at-least-one-meeting-per-term', 'Z art. 7.7'],
	['observers.convenedBy', 'guarantor', 'Z art. 11 II'],
	['attendeeVoice.companions', true, 'Z art. 7.11'],
	['attendeeVoice.guests', true, 'Z art. 7.10'],
	['term.length', { kind: 'years', years: 1 }, 'Z art. 5'],
	['term.maxReelections', 1, 'Z art. 5'],
	['term.handoverAtEnd', true, 'Z art. 5'],
	['removal.minProposers', 2, 'Z art. 5'],
	['removal.votedBy', 'all-members', 'Z art. 5'],
	['removal.atNextMeeting', false, 'Z art. 5 (silent on when)'],
	['electronicChannelRequired', true, 'Z art. 7.8'],
	['website.kind', 'website', 'Z art. 7.9'],
	[
		'website.sections',
		[
			'body-minutes-evidence-communiques',
			'commitments-progress-and-activities',
			'contact',
			'open-data',
			'links-of-interest',
			'questions-complaints-suggestions',
			'join-the-exercise'
		],
		'Z art. 7.9'
	],
	['liaison', 'none', 'default'],
	[
		'ethicsPrinciples',
		[
			'honesty',
			'service',
			'discipline',
			'responsibility',
			'punctuality',
			'efficacy',
			'objectivity',
			'commitment'
		],
		'Z art. 4'
	],
	['nonWorkingDays', [], 'default'],
	['timeZone', 'America/Mexico_City', 'default']
];

describe('the zacatecas-stl preset', () => {
	it('names its source document', () => {
		expect(preset.id).toBe('zacatecas-stl');
		expect(preset.sourceTitle).toBe(
			'Lineamientos del Secretariado Técnico Local de Gobierno Abierto del Estado de Zacatecas'
		);
		expect(preset.sourceFile).toBe('zacatecas-stl-lineamientos.md');
	});

	it('is valid rules', () => {
		expect(parseBodyRules(preset.rules)).toEqual({ ok: true, rules: preset.rules });
	});

	it.each(table)('%s is %j (%s)', (path, value, article) => {
		expect(readAt(preset.rules, path)).toEqual(value);
		const references = preset.references[path.split('.')[0] as keyof typeof preset.references];
		if (article === 'default') expect(references).toEqual([]);
		else expect(references).toContain(article.replace(/ \(.*\)$/, ''));
	});

	it('covers every parameter in the table and cites only Zacatecas articles', () => {
		const covered = new Set(table.map(([path]) => path.split('.')[0]));
		expect([...covered].sort()).toEqual(Object.keys(preset.rules).sort());
		for (const reference of Object.values(preset.references).flat())
			expect(reference).toMatch(/^Z art\. \d+(\.\d+)?( [IVX]+)?$/);
	});
});
