import { describe, expect, it } from 'vitest';
import { coverText, REPLACEMENT } from './pdf-text';

// A font that draws Basic Latin, Latin-1, Latin Extended-A/B, modifier letters and U+FFFD.
const latin = (codePoint: number) =>
	codePoint < 0x250 || (codePoint >= 0x2b0 && codePoint < 0x300) || codePoint === 0xfffd;

describe('coverText', () => {
	it('keeps what the font draws, modifier letters and line breaks included', () => {
		expect(coverText('Consulta Tuʼun Savi\nÑuu Savi ĩ ū', latin)).toEqual({
			text: 'Consulta Tuʼun Savi\nÑuu Savi ĩ ū',
			missing: []
		});
	});

	it('composes a base letter and its combining mark into the letter the font draws', () => {
		expect(coverText('i\u0303 u\u0304', latin).text).toBe('ĩ ū');
	});

	it('prints a visible replacement for each character the font lacks and names it once', () => {
		expect(coverText('Sesión 中文 中 😀.', latin)).toEqual({
			text: `Sesión ${REPLACEMENT}${REPLACEMENT} ${REPLACEMENT} ${REPLACEMENT}.`,
			missing: ['U+4E2D', 'U+6587', 'U+1F600']
		});
	});
});
