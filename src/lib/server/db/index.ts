/**
 * Opens the one database of the process: PostgreSQL through postgres.js when DATABASE_URL is
 * set, otherwise an embedded PGlite database under DATA_DIR (default ./data). Both run the same
 * migrations from drizzle/ before anything else touches them.
 *
 * The SvelteKit bundle and the custom server's bundle each carry a copy of this module, so the
 * open database lives on `globalThis` under a registered symbol: whichever copy opens it first,
 * both get the same connection (PGlite in particular must never be opened twice on one folder).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database or an open transaction on it: what helpers that run inside either accept. */
export type Queryable = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseConfig =
	| { engine: 'postgres'; url: string }
	| { engine: 'pglite'; dataDir: string | null /* null: in memory */ };

export interface OpenDatabase {
	db: Database;
	engine: DatabaseConfig['engine'];
	close(): Promise<void>;
}

/** Reads the database settings from the environment; called once at start. */
export function readDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
	if (env.DATABASE_URL) return { engine: 'postgres', url: env.DATABASE_URL };
	return { engine: 'pglite', dataDir: path.resolve(env.DATA_DIR ?? 'data', 'pglite') };
}

/** Where the migrations are read from: drizzle/ beside package.json unless MIGRATIONS_DIR says. */
function migrationsFolder(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

/** Connects and migrates a database; tests call it directly to get a database of their own. */
export async function createDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
	if (config.engine === 'postgres') {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(config.url, { max: 10, onnotice: () => {} });
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder: migrationsFolder() });
		return { db, engine: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	if (config.dataDir) await mkdir(config.dataDir, { recursive: true });
	const client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder: migrationsFolder() });
	return { db, engine: 'pglite', close: () => client.close() };
}

const PROCESS_DATABASE = Symbol.for('mesa-abierta.database');
const PROCESS_DATABASE_CLOSED = Symbol.for('mesa-abierta.database-closed');
type ProcessGlobal = typeof globalThis & {
	[PROCESS_DATABASE]?: Promise<OpenDatabase>;
	[PROCESS_DATABASE_CLOSED]?: boolean;
};

/**
 * Opens the process's database once (idempotent); both entry points await it before serving.
 * After shutdown has closed it, late work gets an error instead of silently reopening it.
 */
export function openDatabase(): Promise<OpenDatabase> {
	const scope = globalThis as ProcessGlobal;
	if (scope[PROCESS_DATABASE_CLOSED])
		return Promise.reject(new Error('the database is closed: shutting down'));
	scope[PROCESS_DATABASE] ??= createDatabase(readDatabaseConfig(process.env));
	return scope[PROCESS_DATABASE];
}

/** The process's database for request handlers; `openDatabase` has run at start-up. */
export async function getDatabase(): Promise<Database> {
	return (await openDatabase()).db;
}

/** Closes the process's database at shutdown, if it was opened. */
export async function closeDatabase(): Promise<void> {
	const scope = globalThis as ProcessGlobal;
	const open = scope[PROCESS_DATABASE];
	delete scope[PROCESS_DATABASE];
	scope[PROCESS_DATABASE_CLOSED] = true;
	if (open) await (await open).close();
}

/** Answers whether the database responds, within `timeoutMs`; used by /healthz. */
export async function pingDatabase(db: Database, timeoutMs = 2000): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>(
		(resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))
	);
	try {
		return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}
