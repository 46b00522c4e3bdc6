/**
 * What a PDF may print of a piece of text, given which characters its font draws. A character the
 * font lacks would come out as an empty .notdef box, or be lost in the text layer, with no sign of
 * it; instead it is printed as U+FFFD (�, which the font has) and reported, so the loss is
 * visible on the page and in the log. Text is put in NFC first: "u" + U+0303 and "ũ" are the same
 * letter, and the font draws the composed one with its own glyph.
 */

/** The replacement printed for a character the font cannot draw. */
export const REPLACEMENT = '\uFFFD';

// Control characters (line breaks, tabs) are layout, not glyphs: pdfkit handles them itself.
const CONTROL = /\p{Cc}/u;

/** The text to print and the code points (U+XXXX) that had to be replaced, each once. */
export function coverText(
	text: string,
	covers: (codePoint: number) => boolean
): { text: string; missing: string[] } {
	const missing = new Set<string>();
	let printed = '';
	for (const character of text.normalize('NFC')) {
		const codePoint = character.codePointAt(0)!;
		if (CONTROL.test(character) || covers(codePoint)) printed += character;
		else {
			missing.add(`U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`);
			printed += REPLACEMENT;
		}
	}
	return { text: printed, missing: [...missing] };
}
