/**
 * Messages whose key is built at run time ('sector_' + a sector, 'rules_error_' + a code, a role, an
 * agenda item's kind): the one typed lookup into the catalogue, instead of each caller casting
 * `m` to a record. Keys written in code stay `m.some_key()`, checked by the compiler.
 */
// Relative, not $lib: the documents and the scheduled jobs import this module too.
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';

/** A compiled catalogue message: inputs, and optionally the locale to say it in. */
export type Message = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

const catalogue = m as unknown as Record<string, Message | undefined>;

/** The message under a run-time key, or undefined when the catalogue has none. */
export function findMessage(key: string): Message | undefined {
	return Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
}

/**
 * The text of a run-time key, or `fallback` when the catalogue has none (open lists: a sector or a
 * kind the catalogue does not name yet still shows its code rather than nothing).
 */
export function messageOr(
	key: string,
	fallback: string,
	inputs: Record<string, unknown> = {},
	locale?: Locale
): string {
	const message = findMessage(key);
	return message ? message(inputs, locale ? { locale } : undefined) : fallback;
}

/** The text of a run-time key that must exist; a missing one is a programming error. */
export function requireMessage(
	key: string,
	inputs: Record<string, unknown> = {},
	locale?: Locale
): string {
	const message = findMessage(key);
	if (!message) throw new Error(`missing message ${key}`);
	return message(inputs, locale ? { locale } : undefined);
}
