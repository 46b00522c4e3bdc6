import { describe, expect, it } from 'vitest';
import { parseBodyRules } from '../body-rules';
import { inaiStlPreset as preset } from './inai-stl';

const readAt = (value: unknown, path: string) =>
	path.split('.').reduce((node, key) => (node as Record<string, unknown>)[key], value);

// [parameter path, value, article] — a parenthesis notes what the article leaves to the product;
// 'default' marks RULES.md's defaults where the template is silent.
const table: [string, unknown, string][] = [
	['kind', 'stl', 'I I.1'],
	[
		'seats',
		[
			{ id: 'authority', sector: 'executive' },
			{ id: 'guarantor', sector: 'guarantor' },
			{ id: 'civil-society', sector: 'civil-society' }
		],
		'I I.1'
	],
	[
		'seats',
		[
			{ id: 'authority', sector: 'executive' },
			{ id: 'guarantor', sector: 'guarantor' },
			{ id: 'civil-society', sector: 'civil-society' }
		],
		'I VIII.1'
	],
	['seatCount', { min: 3, max: 3 }, 'I I.1'],
	['minCivilSocietyPersons', 0, 'default'],
	['substitutesPerSeat', 1, 'I VIII.2'],
	['quorum', { kind: 'all' }, 'I III.2'],
	['remoteAttendanceCounts', true, 'default'],
	['meetings.ordinaryFrequency', 'biweekly', 'I III.3'],
	['meetings.extraordinary', 'when-warranted', 'I III.3'],
	['notice.ordinaryBusinessDays', 5, 'I III.4'],
	['notice.extraordinaryBusinessDays', 2, 'I III.4'],
	['notice.agendaAttached', true, 'I III.4'],
	['cancellation.minHoursBefore', 24, 'I III.5'],
	['cancellation.approval', 'all-members', 'I III.5'],
	['convenedBy', 'guarantor', 'I V.2'],
	['presidedBy', 'guarantor', 'I V.1'],
	['directedBy', 'facilitator', 'I VI.2'],
	['facilitatorVotes', false, 'I III.9'],
	['decision.method', 'consensus-then-vote', 'I IV'],
	['decision.abstentionsCountTowardMajority', false, 'I IV (majority details: default)'],
	['decision.tieCarries', false, 'I IV (majority details: default)'],
	['agendaApprovedAtEachMeeting', true, 'I III.1'],
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
		'default'
	],
	['meetingOrder.indicative', true, 'default'],
	['minutes.draftedBy', 'facilitator', 'I VI.4'],
	['minutes.approvalRequired', true, 'I III.6'],
	['minutes.initialedOnEveryPage', true, 'I III.6'],
	['minutes.signedAtBottomSameDay', true, 'I III.6'],
	['minutes.signedBy', 'all-members', 'I III.6'],
	['minutes.copyToEachMember', true, 'I III.7'],
	['oversight.deadline', 'end-of-meeting-month', 'I III.8'],
	['oversight.dispatchedBy', 'guarantor', 'I V.5'],
	['oversight.recipient', null, 'I III.8 (recipient: a setting)'],
	['observers.promotion', 'in-meetings', 'I III.10'],
	['observers.convenedBy', 'guarantor', 'I V.3'],
	['attendeeVoice', { companions: true, guests: true }, 'default'],
	['term.length', { kind: 'years', years: 1 }, 'I I.4'],
	['term.maxReelections', 1, 'I I.5'],
	['term.handoverAtEnd', true, 'I I.7'],
	['removal.minProposers', 2, 'I I.3'],
	['removal.votedBy', 'all-members', 'I I.3'],
	['removal.atNextMeeting', true, 'I I.3'],
	['electronicChannelRequired', true, 'I III.11'],
	['website.kind', 'website', 'I III.12'],
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
		'I III.12'
	],
	['liaison', 'named-by-guarantor', 'I V.4'],
	['ethicsPrinciples', [], 'default'],
	['nonWorkingDays', [], 'default'],
	['timeZone', 'America/Mexico_City', 'default']
];

describe('the inai-stl preset', () => {
	it('names its source document', () => {
		expect(preset.id).toBe('inai-stl');
		expect(preset.sourceTitle).toMatch(
			/^Acta de instalación del Secretariado Técnico Local de Gobierno Abierto del estado de/
		);
		expect(preset.sourceFile).toBe('inai-acta-instalacion-stl.md');
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

	it('covers every parameter in the table and cites only INAI sections', () => {
		const covered = new Set(table.map(([path]) => path.split('.')[0]));
		expect([...covered].sort()).toEqual(Object.keys(preset.rules).sort());
		for (const reference of Object.values(preset.references).flat())
			expect(reference).toMatch(/^I [IVX]+(\.\d+)?$/);
	});
});
