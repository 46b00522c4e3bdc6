/**
 * The documents' words: a body's legal documents are printed in Spanish whatever the language of
 * the person who downloads them, from the same catalogues as the interface (messages/es-MX.json).
 */
import { messageOr, requireMessage } from '../../i18n/messages';

/** A catalogue message in Spanish; the key must exist (a missing one is a programming error). */
export function es(key: string, inputs: Record<string, unknown> = {}): string {
	return requireMessage(key, inputs, 'es-MX');
}

/** A catalogue message in Spanish when it exists, else the fallback (codes of open lists). */
export function esOr(key: string, fallback: string): string {
	return messageOr(key, fallback, {}, 'es-MX');
}

/** I, II, III… for the agenda's items (Z art. 8 numbers them so). */
export function roman(n: number): string {
	const table: [number, string][] = [
		[1000, 'M'],
		[900, 'CM'],
		[500, 'D'],
		[400, 'CD'],
		[100, 'C'],
		[90, 'XC'],
		[50, 'L'],
		[40, 'XL'],
		[10, 'X'],
		[9, 'IX'],
		[5, 'V'],
		[4, 'IV'],
		[1, 'I']
	];
	let out = '';
	for (const [value, numeral] of table) {
		while (n >= value) {
			out += numeral;
			n -= value;
		}
	}
	return out;
}
