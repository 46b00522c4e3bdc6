import { describe, expect, it } from 'vitest';
import { findControlCharacterFields, hasControlCharacters } from './text';

describe('control characters in typed text', () => {
	it('finds NUL, the other C0 and C1 controls and DEL', () => {
		for (const value of ['a\u0000b', '\u0001', 'x\u001b[31m', '\u007f', 'fin\u0085'])
			expect(hasControlCharacters(value), JSON.stringify(value)).toBe(true);
	});

	it('lets tabs, line breaks, accents and emoji through', () => {
		for (const value of ['Acta\tsesión', 'uno\r\ndos\nres', 'Ñandú — «año» 🇲🇽', ''])
			expect(hasControlCharacters(value), JSON.stringify(value)).toBe(false);
	});

	it('names each form field that holds one, and ignores files', () => {
		const form = new FormData();
		form.append('title', 'Acuerdo\u0000');
		form.append('note', 'bien');
		form.append('tags', 'a\u0007');
		form.append('tags', 'b\u0007');
		form.append('file', new File(['\u0000'], 'x.bin'));
		expect(findControlCharacterFields(form)).toEqual(['title', 'tags']);
	});
});
