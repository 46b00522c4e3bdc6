/**
 * The database engines every database test runs on: embedded PGlite always, and PostgreSQL too
 * whenever TEST_DATABASE_URL points at a server (.ci/run sets it). Each test gets a database of
 * its own: PGlite in memory, or a fresh PostgreSQL database created on that server and dropped
 * afterwards, so tests never see each other's rows.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createDatabase, type OpenDatabase } from '../../src/lib/server/db/index';

export type EngineName = 'pglite' | 'postgres';

export const engines: EngineName[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export interface TestDatabase extends OpenDatabase {
	/** The connection string, for a PostgreSQL one (to hand to a child process). */
	url?: string;
	drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database on the test server and returns its URL. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `mesa_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

/** A migrated, empty database on the given engine. */
export async function openTestDatabase(engine: EngineName): Promise<TestDatabase> {
	if (engine === 'pglite') {
		const open = await createDatabase({ engine: 'pglite', dataDir: null });
		return { ...open, drop: () => open.close() };
	}
	const created = await createPostgresDatabase();
	const open = await createDatabase({ engine: 'postgres', url: created.url });
	return {
		...open,
		url: created.url,
		async drop() {
			await open.close();
			await created.drop();
		}
	};
}

/** Empties every table of the app (the migrations' own table is in another schema), between tests. */
export async function emptyTestDatabase(database: OpenDatabase): Promise<void> {
	const result = await database.db.execute(
		sql`select string_agg(format('%I.%I', schemaname, tablename), ', ') as tables from pg_tables where schemaname = 'public'`
	);
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
		tables: string | null;
	}[];
	const tables = rows[0]?.tables;
	if (tables) await database.db.execute(sql.raw(`truncate ${tables} cascade`));
}
