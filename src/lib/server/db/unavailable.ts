/**
 * Whether an error means the database cannot be reached right now — the server is down or
 * restarting, the connection was cut (pg_terminate_backend, a network drop), or it refuses
 * connections — as opposed to a fault in the query. Such a request is answered 503 ("try again"),
 * never 500, and nothing it started is kept: every write runs in a transaction (issue 10).
 */

/** postgres.js's own codes for a connection that failed or went away, and Node's socket errors. */
const CONNECTION_CODES = new Set([
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENOTFOUND'
]);

/** SQLSTATEs of a server that is going away or not accepting work (PostgreSQL appendix A). */
function isUnavailableState(code: string, message: string): boolean {
	return (
		code.startsWith('08') || // connection exception
		code === '57P01' || // admin_shutdown (also pg_terminate_backend)
		code === '57P02' || // crash_shutdown
		code === '57P03' || // cannot_connect_now (starting up, shutting down)
		code === '53300' || // too_many_connections
		code === '3D000' || // the database does not exist (dropped under us)
		(code === '55000' && message.includes('not currently accepting connections'))
	);
}

export function isDatabaseUnavailable(error: unknown): boolean {
	// drizzle wraps the driver's error in its own, with the original as `cause`.
	for (let current = error, depth = 0; current && depth < 5; depth += 1) {
		if (typeof current !== 'object') return false;
		const { code, message, cause } = current as {
			code?: unknown;
			message?: unknown;
			cause?: unknown;
		};
		if (typeof code === 'string') {
			if (CONNECTION_CODES.has(code)) return true;
			if (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code, String(message ?? '')))
				return true;
		}
		current = cause;
	}
	return false;
}
