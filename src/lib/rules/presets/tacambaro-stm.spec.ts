import { describe, expect, it } from 'vitest';
import { parseBodyRules } from '../body-rules';
import { tacambaroStmPreset as preset } from './tacambaro-stm';

const readAt = (value: unknown, path: string) =>
	path.split('.').reduce((node, key) => (node as Record<string, unknown>)[key], value);

// [parameter path, value, article] — a parenthesis notes what the article leaves to the product;
// 'default' marks RULES.md's defaults where the rules are silent.
const table: [string, unknown, string][] = [
	['kind', 'stm', 'T I.1'],
	[
		'seats',
		[
			{ id: 'guarantor', sector: 'guarantor' },
			{ id: 'authority-1', sector: 'municipal-government' },
			{ id: 'authority-2', sector: 'municipal-government' },
			{ id: 'civil-society', sector: 'civil-society' },
			{ id: 'academia', sector: 'academia' },
			{ id: 'citizenry-1', sector: 'citizenry' },
			{ id: 'citizenry-2', sector: 'citizenry' }
		],
		'T VIII.1'
	],
	['seatCount', { min: 5, max: null }, 'T I.1'],
	['minCivilSocietyPersons', 0, 'default'],
	['substitutesPerSeat', 1, 'T I.1'],
	['quorum', { kind: 'majority' }, 'T III.2'],
	['remoteAttendanceCounts', true, 'default'],
	['meetings.ordinaryFrequency', 'monthly', 'T III.3'],
	['meetings.extraordinary', 'when-warranted', 'T III.3'],
	['notice.ordinaryBusinessDays', 5, 'T III.4'],
	['notice.extraordinaryBusinessDays', 2, 'T III.4'],
	['notice.agendaAttached', true, 'T III.4'],
	['cancellation.minHoursBefore', 24, 'T III.5'],
	['cancellation.approval', 'all-members', 'T III.5'],
	['convenedBy', 'facilitator', 'T VI.2'],
	['presidedBy', 'facilitator', 'T VI.3'],
	['directedBy', 'facilitator', 'T VI.5'],
	['facilitatorVotes', false, 'T III.9'],
	['decision.method', 'consensus-then-vote', 'T IV'],
	['decision.abstentionsCountTowardMajority', false, 'T IV (majority details: default)'],
	['decision.tieCarries', false, 'T IV (majority details: default)'],
	['agendaApprovedAtEachMeeting', true, 'T III.1'],
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
	['minutes.draftedBy', 'facilitator', 'T VI.7'],
	['minutes.approvalRequired', true, 'T III.6'],
	['minutes.initialedOnEveryPage', true, 'T III.6'],
	['minutes.signedAtBottomSameDay', true, 'T III.6'],
	['minutes.signedBy', 'all-members', 'T III.6'],
	['minutes.copyToEachMember', true, 'T III.7'],
	['oversight.deadline', 'end-of-following-month', 'T III.8'],
	['oversight.dispatchedBy', 'facilitator', 'T VI.12'],
	['oversight.recipient', null, 'T III.8 (recipient: a setting)'],
	['observers.promotion', 'in-meetings', 'T III.10'],
	['observers.convenedBy', 'facilitator', 'T VI.4'],
	['attendeeVoice', { companions: true, guests: true }, 'default'],
	['term.length', { kind: 'municipal-administration' }, 'T I.4'],
	['term.maxReelections', null, 'T I.4 (no limit stated)'],
	['term.handoverAtEnd', true, 'T I.6'],
	['removal.minProposers', 2, 'T I.3'],
	['removal.votedBy', 'all-members', 'T I.3'],
	['removal.atNextMeeting', true, 'T I.3'],
	['electronicChannelRequired', true, 'T III.11'],
	['website.kind', 'microsite', 'T III.12'],
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
		'T III.12'
	],
	['liaison', 'none', 'default'],
	['ethicsPrinciples', [], 'default'],
	['nonWorkingDays', [], 'default'],
	['timeZone', 'America/Mexico_City', 'default']
];

describe('the tacambaro-stm preset', () => {
	it('names its source document', () => {
		expect(preset.id).toBe('tacambaro-stm');
		expect(preset.sourceTitle).toBe(
			'Lineamientos de operación del Secretariado Técnico Municipal de Gobierno Abierto del Municipio de Tacámbaro, Michoacán'
		);
		expect(preset.sourceFile).toBe('tacambaro-stm-lineamientos.md');
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

	it('covers every parameter in the table and cites only Tacámbaro sections', () => {
		const covered = new Set(table.map(([path]) => path.split('.')[0]));
		expect([...covered].sort()).toEqual(Object.keys(preset.rules).sort());
		for (const reference of Object.values(preset.references).flat())
			expect(reference).toMatch(/^T [IVX]+(\.\d+)?$/);
	});
});
