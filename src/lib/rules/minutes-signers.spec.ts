import { describe, expect, it } from 'vitest';
import { checkMinutesSignature, listMinutesSigners } from './minutes-signers';
import { presetsById as presets } from './presets';

const people = [
	{ memberId: 'f', role: 'facilitator', seatId: null },
	{ memberId: 's-b', role: 'substitute', seatId: 'b' },
	{ memberId: 't-b', role: 'titular', seatId: 'b' },
	{ memberId: 't-a', role: 'titular', seatId: 'a' },
	{ memberId: 's-a', role: 'substitute', seatId: 'a' },
	{ memberId: 'o', role: 'observer', seatId: null },
	{ memberId: 'x', role: 'titular', seatId: 'unknown-seat' }
];
const seats = [
	{ id: 'a', sector: 'guarantor' as const },
	{ id: 'b', sector: 'civil-society' as const }
];
const rulesFor = (signedBy: 'all-members' | 'members-who-took-part') => ({
	seats,
	minutes: { ...presets['inai-stl'].rules.minutes, signedBy }
});

describe('listMinutesSigners', () => {
	it('with all members (I III.6) every titular signs, and substitutes who took part', () => {
		expect(listMinutesSigners(rulesFor('all-members'), people, new Set(['s-b', 'f']))).toEqual([
			't-a',
			't-b',
			's-b'
		]);
	});
	it('with members who took part (Z art. 7.5) only those checked in sign, by seat', () => {
		expect(
			listMinutesSigners(rulesFor('members-who-took-part'), people, new Set(['s-a', 't-b', 'o']))
		).toEqual(['s-a', 't-b']);
	});
	it('never lists the facilitator, observers or holders of unknown seats', () => {
		const all = new Set(people.map((p) => p.memberId));
		const signers = listMinutesSigners(rulesFor('members-who-took-part'), people, all);
		expect(signers).toEqual(['t-a', 's-a', 't-b', 's-b']);
	});
	it('is empty when nobody took part under Z art. 7.5', () => {
		expect(listMinutesSigners(rulesFor('members-who-took-part'), people, new Set())).toEqual([]);
	});
	it('follows each preset: Zacatecas by participation, INAI and Tacámbaro all members', () => {
		expect(presets['zacatecas-stl'].rules.minutes.signedBy).toBe('members-who-took-part');
		expect(presets['inai-stl'].rules.minutes.signedBy).toBe('all-members');
		expect(presets['tacambaro-stm'].rules.minutes.signedBy).toBe('all-members');
	});
});

describe('checkMinutesSignature', () => {
	const base = {
		approvalRequired: true,
		approved: true,
		newest: true,
		signers: ['a', 'b'],
		decided: ['b'],
		memberId: 'a'
	};
	it.each([
		[{}, { ok: true }],
		[{ approved: false }, { ok: false, reason: 'not-approved' }],
		[{ approved: false, approvalRequired: false }, { ok: true }],
		[{ memberId: 'c' }, { ok: false, reason: 'not-a-signer' }],
		[{ memberId: 'b' }, { ok: false, reason: 'already-decided' }],
		[{ newest: false }, { ok: false, reason: 'superseded' }]
	])('%o gives %o', (change, expected) => {
		expect(checkMinutesSignature({ ...base, ...change })).toEqual(expected);
	});
});
