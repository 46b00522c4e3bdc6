import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { DocumentStore } from '../../server/document-store';
import { documentSnapshots, documentUpdates } from '../../src/lib/server/db/schema';

/** A document whose every update goes to the store, as a room's does. */
function writerFor(store: DocumentStore, room: string) {
	const doc = new Y.Doc();
	let committed = 0;
	doc.on('update', (update: Uint8Array) => store.append(room, update, () => (committed += 1)));
	return { doc, committed: () => committed };
}

async function loadText(store: DocumentStore, room: string): Promise<string> {
	const doc = new Y.Doc();
	for (const update of await store.load(room)) Y.applyUpdate(doc, update);
	return doc.getText('acta').toString();
}

describe.each(engines)('the document store on %s', (engine) => {
	let database: TestDatabase;
	let store: DocumentStore;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		store = new DocumentStore(async () => database.db);
	});

	it('commits updates in batches and acknowledges each only once it is stored', async () => {
		const writer = writerFor(store, 'cuerpo:acta');
		writer.doc.getText('acta').insert(0, 'Punto I. ');
		writer.doc.getText('acta').insert(9, 'Se verifica el quórum.');
		expect(writer.committed()).toBe(0);
		await store.flush();
		expect(writer.committed()).toBe(2);
		const rows = await database.db
			.select()
			.from(documentUpdates)
			.where(eq(documentUpdates.room, 'cuerpo:acta'));
		expect(rows).toHaveLength(2);
		expect(await loadText(store, 'cuerpo:acta')).toBe('Punto I. Se verifica el quórum.');
		expect(await loadText(store, 'otro:acta')).toBe('');
	});

	it('commits by itself within a few milliseconds, without an explicit flush', async () => {
		const writer = writerFor(store, 'cuerpo:acta');
		writer.doc.getText('acta').insert(0, 'Acuerdo 1');
		const started = Date.now();
		while (writer.committed() === 0 && Date.now() - started < 2000)
			await new Promise((r) => setTimeout(r, 2));
		expect(writer.committed()).toBe(1);
	});

	it('compacts a room into one snapshot and keeps loading it, and what came after, intact', async () => {
		const writer = writerFor(store, 'cuerpo:acta');
		for (let i = 0; i < 30; i++) writer.doc.getText('acta').insert(i, String(i % 10));
		await store.compact('cuerpo:acta', writer.doc);
		expect(await database.db.select().from(documentUpdates)).toHaveLength(0);
		expect(await database.db.select().from(documentSnapshots)).toHaveLength(1);
		writer.doc.getText('acta').insert(30, ' fin');
		await store.flush();
		expect(await loadText(store, 'cuerpo:acta')).toBe(writer.doc.getText('acta').toString());
		expect(writer.doc.getText('acta').toString()).toMatch(/^0123456789.* fin$/);
	});

	it('asks for compaction only after many updates', async () => {
		const writer = writerFor(store, 'cuerpo:acta');
		writer.doc.getText('acta').insert(0, 'x');
		await store.flush();
		expect(store.needsCompaction('cuerpo:acta')).toBe(false);
		for (let i = 0; i < 500; i++) writer.doc.getText('acta').insert(0, 'y');
		await store.flush();
		expect(store.needsCompaction('cuerpo:acta')).toBe(true);
	});
});
