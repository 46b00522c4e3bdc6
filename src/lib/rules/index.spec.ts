import { describe, expect, it } from 'vitest';
import * as rules from './index';

describe('the rules module', () => {
	it.each([
		'parseBodyRules',
		'createProductDefaults',
		'listBodyRulesConflicts',
		'computeQuorum',
		'computeRequiredQuorum',
		'findSeatVoter',
		'computeParticipationRights',
		'castBallot',
		'tallyBallots',
		'decideAgreement',
		'addBusinessDays',
		'countBusinessDaysBetween',
		'findNonBusinessReason',
		'listLftRestDays',
		'findLftRestDay',
		'computeLatestNoticeIssue',
		'checkNoticeIssue',
		'computeEarliestMeetingDay',
		'checkMeetingCancellation',
		'computeCancellationDeadline',
		'computeTermEnd',
		'checkReelection',
		'checkRemovalProposal',
		'decideRemovalMotion',
		'computeOversightDeadline',
		'findPreset',
		'copyPresetRules'
	])('exports %s', (name) => {
		expect(typeof (rules as Record<string, unknown>)[name]).toBe('function');
	});

	it('exports the three presets', () => {
		expect(rules.presets.map((preset) => preset.id)).toEqual([
			'zacatecas-stl',
			'inai-stl',
			'tacambaro-stm'
		]);
	});
});
