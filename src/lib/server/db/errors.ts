/** Recognises database errors the app answers in words rather than with a 500. */

/** PostgreSQL's unique_violation, as postgres.js and PGlite report it (possibly wrapped by drizzle). */
export function isUniqueViolation(error: unknown): boolean {
	const code = (e: unknown) => (e as { code?: string } | null)?.code;
	return code(error) === '23505' || code((error as { cause?: unknown } | null)?.cause) === '23505';
}
