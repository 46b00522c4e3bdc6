import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const postgresError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it.each([
		['a cut connection', postgresError('CONNECTION_CLOSED')],
		['a refused connection', postgresError('ECONNREFUSED')],
		['a connect timeout', postgresError('CONNECT_TIMEOUT')],
		['pg_terminate_backend', postgresError('57P01')],
		['a server starting up', postgresError('57P03')],
		['a connection exception', postgresError('08006')],
		['a dropped database', postgresError('3D000')],
		[
			'a database closed to connections',
			postgresError('55000', 'database "x" is not currently accepting connections')
		],
		['drizzle wrapping one', new Error('Failed query', { cause: postgresError('57P01') })]
	])('is true for %s', (_what, error) => {
		expect(isDatabaseUnavailable(error)).toBe(true);
	});

	it.each([
		['a unique violation', postgresError('23505')],
		['a syntax error', postgresError('42601')],
		['a lock not available', postgresError('55P03')],
		['another 55000', postgresError('55000', 'object not in prerequisite state')],
		['a plain error', new Error('boom')],
		['a string', 'CONNECTION_CLOSED'],
		['nothing', undefined],
		['drizzle wrapping a query fault', new Error('Failed query', { cause: postgresError('23505') })]
	])('is false for %s', (_what, error) => {
		expect(isDatabaseUnavailable(error)).toBe(false);
	});
});
