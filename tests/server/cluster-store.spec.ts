/**
 * The minutes store when several instances write the same rooms (issue 13, server/document-store.ts):
 * two stores over one database stand for two instances. Compaction keeps what the other logged
 * but had not relayed yet, keeps a row another instance committed late with a lower id, runs on
 * one instance at a time, and each committed update is handed on (`onStored`) to be relayed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { DocumentStore } from '../../server/document-store';
import { documentSnapshots, documentUpdates } from '../../src/lib/server/db/schema';

const ROOM = 'cuerpo:minutes-acta';

/** An instance's copy of a room: every local edit goes to its store, as a room's does. */
function instance(database: TestDatabase) {
	const store = new DocumentStore(async () => database.db);
	const doc = new Y.Doc();
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'relayed') store.append(ROOM, update, () => undefined);
	});
	return { store, doc };
}

async function loadText(database: TestDatabase): Promise<string> {
	const doc = new Y.Doc();
	const store = new DocumentStore(async () => database.db);
	for (const update of await store.load(ROOM)) Y.applyUpdate(doc, update);
	return doc.getText('acta').toString();
}

describe.each(engines)('the minutes store of a cluster on %s', (engine) => {
	let database: TestDatabase;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(() => emptyTestDatabase(database));

	it('hands each committed update on, once, to be relayed to the other instances', async () => {
		const a = instance(database);
		const b = instance(database);
		a.store.onStored = (room, update) => Y.applyUpdate(b.doc, update, 'relayed');
		a.doc.getText('acta').insert(0, 'Acuerdo 1.');
		expect(b.doc.getText('acta').toString()).toBe('');
		await a.store.flush();
		expect(b.doc.getText('acta').toString()).toBe('Acuerdo 1.');
		await b.store.flush();
		// B stored nothing of what it was relayed: one row, A's.
		expect(await database.db.select().from(documentUpdates)).toHaveLength(1);
	});

	it('keeps, when one instance compacts, what another logged that it never received', async () => {
		const a = instance(database);
		const b = instance(database);
		a.doc.getText('acta').insert(0, 'Desde A. ');
		b.doc.getText('acta').insert(0, 'Desde B. ');
		await Promise.all([a.store.flush(), b.store.flush()]);
		await a.store.compact(ROOM, a.doc);
		const text = await loadText(database);
		expect(text).toContain('Desde A.');
		expect(text).toContain('Desde B.');
		expect(await database.db.select().from(documentUpdates)).toHaveLength(0);
		// And a second compaction, by B this time, keeps everything too.
		b.doc.getText('acta').insert(0, 'Otra vez B. ');
		await b.store.flush();
		await b.store.compact(ROOM, b.doc);
		expect(await loadText(database)).toContain('Desde A.');
		expect(await loadText(database)).toContain('Otra vez B.');
	});
});

// Two connections at once, as two instances have: PostgreSQL only (PGlite has one).
describe.each(engines.filter((engine) => engine === 'postgres'))(
	'the minutes store of a cluster, racing on %s',
	(engine) => {
		let database: TestDatabase;

		beforeAll(async () => {
			database = await openTestDatabase(engine);
		});
		afterAll(() => database.drop());
		beforeEach(() => emptyTestDatabase(database));

		it('keeps a row another instance committed after compaction read the log, with a lower id', async () => {
			const late = new Y.Doc();
			late.getText('acta').insert(0, 'Tarde. ');
			const client = postgres(database.url!, { max: 1, onnotice: () => {} });
			try {
				await client.begin(async (tx) => {
					// Its id is taken now, before A's row; it commits only after A compacted.
					await tx`insert into document_updates (room, update) values (${ROOM}, ${Buffer.from(Y.encodeStateAsUpdate(late))})`;
					const a = instance(database);
					a.doc.getText('acta').insert(0, 'Desde A. ');
					await a.store.flush();
					await a.store.compact(ROOM, a.doc);
				});
			} finally {
				await client.end();
			}
			const text = await loadText(database);
			expect(text).toContain('Tarde.');
			expect(text).toContain('Desde A.');
		});

		it('leaves the room alone while another instance compacts it', async () => {
			const a = instance(database);
			a.doc.getText('acta').insert(0, 'Desde A. ');
			await a.store.flush();
			const client = postgres(database.url!, { max: 1, onnotice: () => {} });
			try {
				await client.begin(async (tx) => {
					// The lock compaction takes: (its key, the room's hash).
					const [held] =
						await tx`select pg_try_advisory_xact_lock(${0x6d696e}, hashtext(${ROOM})) as locked`;
					expect(held!.locked).toBe(true);
					await a.store.compact(ROOM, a.doc);
				});
			} finally {
				await client.end();
			}
			expect(
				await database.db.select().from(documentSnapshots).where(eq(documentSnapshots.room, ROOM))
			).toHaveLength(0);
			expect(await database.db.select().from(documentUpdates)).toHaveLength(1);
			// Once the lock is free, it compacts.
			await a.store.compact(ROOM, a.doc);
			expect(await database.db.select().from(documentUpdates)).toHaveLength(0);
			expect(await loadText(database)).toBe('Desde A. ');
		});
	}
);
