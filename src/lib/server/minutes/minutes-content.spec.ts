import { describe, expect, it } from 'vitest';
import { canonicalJson, isSha256Hex, sha256Hex } from './minutes-content';

describe('canonicalJson', () => {
	it('sorts keys at every depth and keeps array order', () => {
		expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}'
		);
	});
	it('gives the same string whatever the order the object was built in', () => {
		expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
	});
	it('writes dates as ISO strings, drops undefined fields and keeps null', () => {
		expect(
			canonicalJson({ at: new Date('2026-11-21T10:00:00Z'), gone: undefined, none: null })
		).toBe('{"at":"2026-11-21T10:00:00.000Z","none":null}');
	});
	it('keeps accents as they are (UTF-8 is hashed)', () => {
		expect(canonicalJson({ lugar: 'Tacámbaro' })).toBe('{"lugar":"Tacámbaro"}');
	});
	it('refuses numbers JSON cannot carry', () => {
		expect(() => canonicalJson({ n: Number.NaN })).toThrow();
	});
});

describe('sha256Hex and isSha256Hex', () => {
	it('hashes as the standard says', () => {
		expect(sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
	it.each([
		['a'.repeat(64), true],
		['A'.repeat(64), false],
		['a'.repeat(63), false],
		['g'.repeat(64), false],
		['', false]
	])('%s is a hash: %s', (value, expected) => {
		expect(isSha256Hex(value)).toBe(expected);
	});
});
