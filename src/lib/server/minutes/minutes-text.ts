/**
 * The co-edited minutes' text, read from the database at the close of a meeting. The live
 * document (`<slug>:minutes-<id>`, see broadcast.ts) is stored by the Yjs server as a snapshot
 * plus an update log (document_snapshots, document_updates); this applies both, in order, to a
 * fresh Y.Doc — the same reading as server/document-store.ts, which this does not import — and
 * turns each agenda item's section (the XML fragment `item-<position>`, written by Tiptap through
 * y-prosemirror) into plain paragraphs: one per paragraph or heading, list items with a bullet or
 * their number, hard breaks as line breaks.
 */
import * as Y from 'yjs';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Queryable } from '../db';
import { documentSnapshots, documentUpdates } from '../db/schema';

/** Loads a room's stored document (snapshot, then every later update) into a new Y.Doc. */
export async function loadStoredDocument(db: Queryable, room: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const [snapshot] = await db
		.select()
		.from(documentSnapshots)
		.where(eq(documentSnapshots.room, room));
	if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.state));
	const rows = await db
		.select({ update: documentUpdates.update })
		.from(documentUpdates)
		.where(and(eq(documentUpdates.room, room), gt(documentUpdates.id, snapshot?.uptoId ?? 0)))
		.orderBy(asc(documentUpdates.id));
	for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
	return doc;
}

/** The name of an agenda item's section in the minutes document (MinutesEditor's `field`). */
export const sectionName = (position: number) => `item-${position}`;

function inlineText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		return node
			.toDelta()
			.map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) {
		if (node.nodeName === 'hardBreak') return '\n';
		return node
			.toArray()
			.map((child) => inlineText(child))
			.join('');
	}
	return '';
}

const CONTAINERS = new Set(['bulletList', 'orderedList', 'listItem', 'blockquote']);

function blockParagraphs(node: Y.XmlElement | Y.XmlText | Y.XmlHook, prefix = ''): string[] {
	if (!(node instanceof Y.XmlElement)) {
		const text = inlineText(node).trim();
		return text ? [prefix + text] : [];
	}
	if (node.nodeName === 'bulletList' || node.nodeName === 'orderedList') {
		const ordered = node.nodeName === 'orderedList';
		const start = Number(node.getAttribute('start') ?? 1) || 1;
		return node
			.toArray()
			.flatMap((item, index) => blockParagraphs(item, ordered ? `${start + index}. ` : '• '));
	}
	if (CONTAINERS.has(node.nodeName)) {
		return node
			.toArray()
			.flatMap((child, index) => blockParagraphs(child, index === 0 ? prefix : ''));
	}
	if (node.nodeName === 'horizontalRule') return [];
	const text = inlineText(node).trim();
	return text ? [prefix + text] : [];
}

/** An agenda item's section as plain paragraphs; empty when nobody wrote in it. */
export function readSectionParagraphs(doc: Y.Doc, position: number): string[] {
	const fragment = doc.getXmlFragment(sectionName(position));
	return fragment.toArray().flatMap((node) => blockParagraphs(node));
}
