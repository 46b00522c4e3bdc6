/**
 * Lists and objects read as JSON inside a larger statement, so one round trip can bring a row and
 * what hangs off it (issue 12: the live room's state in one query instead of seven or more).
 * postgres.js hands `json` over parsed and PGlite may too; either way the column is the value, and
 * an empty list (json_agg over no rows is null) is `[]`.
 */
import { sql, type SQL } from 'drizzle-orm';

/** A list (json_agg) read inside a larger statement; `[]` when it has no rows. */
export function jsonList<T>(query: SQL) {
	return sql<T[]>`coalesce((${query}), '[]'::json)`.mapWith((value: unknown) =>
		typeof value === 'string' ? (JSON.parse(value) as T[]) : (value as T[])
	);
}

/** One JSON object (or null) read inside a larger statement, parsed however the driver hands it over. */
export function jsonValue<T>(query: SQL) {
	return sql<T | null>`(${query})`.mapWith((value: unknown) =>
		typeof value === 'string' ? (JSON.parse(value) as T) : ((value ?? null) as T | null)
	);
}

/** A timestamp inside JSON is text with its offset; screens and records get ISO strings in UTC. */
export const isoTime = (value: string) => new Date(value).toISOString();
