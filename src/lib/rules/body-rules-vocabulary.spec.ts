import { describe, expect, it } from 'vitest';
import {
	agendaItemKinds,
	ethicsPrinciples,
	mexicanTimeZones,
	presetIds,
	sectors,
	websiteSections
} from './body-rules-vocabulary';

describe('the vocabulary of body rules', () => {
	it.each([
		['sectors', sectors],
		['agendaItemKinds', agendaItemKinds],
		['websiteSections', websiteSections],
		['ethicsPrinciples', ethicsPrinciples],
		['mexicanTimeZones', mexicanTimeZones],
		['presetIds', presetIds]
	] as const)('%s has no repeated code', (_name, list) => {
		expect(new Set(list).size).toBe(list.length);
	});

	it('keeps the order of a meeting of Z art. 8 I–VI', () => {
		expect(agendaItemKinds).toEqual([
			'quorum-check',
			'agenda-approval',
			'previous-minutes-approval',
			'reports-and-follow-up',
			'topics-and-conclusions',
			'materials-distribution'
		]);
	});

	it('has the seven website sections a–g and the eight principles a–h', () => {
		expect(websiteSections).toHaveLength(7);
		expect(ethicsPrinciples).toHaveLength(8);
	});

	it.each(mexicanTimeZones)('the runtime knows the time zone %s', (timeZone) => {
		expect(Intl.supportedValuesOf('timeZone')).toContain(timeZone);
	});
});
