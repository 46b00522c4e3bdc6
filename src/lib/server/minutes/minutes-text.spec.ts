import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSectionParagraphs } from './minutes-text';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attributes = {}) {
	const node = new Y.XmlElement(name);
	for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
	node.insert(0, children);
	return node;
}
const text = (value: string) => new Y.XmlText(value);

describe('readSectionParagraphs', () => {
	it('turns paragraphs, headings, lists and hard breaks into plain paragraphs', () => {
		const doc = new Y.Doc();
		doc.getXmlFragment('item-2').insert(0, [
			element('heading', [text('Informe')], { level: 2 }),
			element('paragraph', [text('Primera línea'), element('hardBreak', []), text('segunda')]),
			element('paragraph', []),
			element('bulletList', [
				element('listItem', [element('paragraph', [text('uno')])]),
				element('listItem', [element('paragraph', [text('dos')])])
			]),
			element('orderedList', [element('listItem', [element('paragraph', [text('tres')])])], {
				start: 3
			}),
			element('blockquote', [element('paragraph', [text('cita')])]),
			element('horizontalRule', [])
		]);
		expect(readSectionParagraphs(doc, 2)).toEqual([
			'Informe',
			'Primera línea\nsegunda',
			'• uno',
			'• dos',
			'3. tres',
			'cita'
		]);
	});
	it('keeps the text of bold or italic runs', () => {
		const doc = new Y.Doc();
		const run = new Y.XmlText();
		run.insert(0, 'normal ');
		run.insert(7, 'negrita', { bold: {} });
		doc.getXmlFragment('item-0').insert(0, [element('paragraph', [run])]);
		expect(readSectionParagraphs(doc, 0)).toEqual(['normal negrita']);
	});
	it('is empty for a section nobody wrote in', () => {
		expect(readSectionParagraphs(new Y.Doc(), 5)).toEqual([]);
	});
});
