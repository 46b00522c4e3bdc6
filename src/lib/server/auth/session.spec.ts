import { describe, expect, it } from 'vitest';
import { readAuthSessionCookie } from './session';
import { safeRedirectPath } from './login';

describe('reading the auth-session cookie from a raw header', () => {
	it.each([
		[undefined, null],
		['', null],
		['other=1', null],
		['auth_session=abc.def', 'abc.def'],
		['a=1; auth_session=abc.def; b=2', 'abc.def'],
		['xauth_session=nope; auth_session=yes.1', 'yes.1'],
		['auth_session=a%2Eb', 'a.b'],
		['auth_session=%E0%A4%A', null]
	])('%j gives %j', (header, expected) => {
		expect(readAuthSessionCookie(header)).toBe(expected);
	});
});

describe('where to go after signing in', () => {
	it.each([
		['/admin/outbox', '/admin/outbox'],
		['/entrar?next=/x', '/entrar?next=/x'],
		[null, '/'],
		['', '/'],
		['https://evil.example/', '/'],
		['//evil.example/', '/'],
		['/\\evil.example', '/'],
		['javascript:alert(1)', '/'],
		['/\t/evil.example', '/'],
		['/\n/evil.example', '/'],
		['/\t\\evil.example', '/'],
		['/%09/evil.example', '/%09/evil.example']
	])('%j goes to %j', (candidate, expected) => {
		expect(safeRedirectPath(candidate)).toBe(expected);
	});
});
