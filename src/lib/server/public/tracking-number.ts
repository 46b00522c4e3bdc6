/**
 * The tracking number of a question, complaint or suggestion (section f): what the sender keeps to
 * follow it without an account. Ten random characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), about 50 bits: the number alone opens the request's status and answer, so it
 * must not be guessable. Shown as `QS-XXXXX-XXXXX`; typed in any case, with or without dashes.
 */

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new random tracking number. */
export function generateTrackingNumber(): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
	return `QS-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The stored form of what someone typed, or null when it cannot be a tracking number. */
export function normaliseTrackingNumber(typed: string): string | null {
	const compact = typed.toUpperCase().replace(/[\s-]/g, '');
	const body = compact.length === 12 && compact.startsWith('QS') ? compact.slice(2) : compact;
	if (body.length !== 10 || [...body].some((c) => !ALPHABET.includes(c))) return null;
	return `QS-${body.slice(0, 5)}-${body.slice(5)}`;
}
