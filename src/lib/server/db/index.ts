/**
 * Opens the one database of the process: PostgreSQL through postgres.js when DATABASE_URL is
 * set, otherwise an embedded PGlite database under DATA_DIR (default ./data). Both run the same
 * migrations from drizzle/ before anything else touches them.
 *
 * The SvelteKit bundle and the custom server's bundle each carry a copy of this module, so the
 * open database lives on `globalThis` under a registered symbol: whichever copy opens it first,
 * both get the same connection (PGlite in particular must never be opened twice on one folder).
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type Logger } from 'drizzle-orm';
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

const QUERY_COUNT = Symbol.for('mesa-abierta.query-count');

/**
 * With DATABASE_COUNT_QUERIES=1 (the bench sets it), every query drizzle sends is counted on
 * `globalThis`, where the bench reads the count through the inspector for its queries per tap.
 */
function queryCounter(): Logger | undefined {
	if (process.env.DATABASE_COUNT_QUERIES !== '1') return undefined;
	const scope = globalThis as typeof globalThis & { [QUERY_COUNT]?: number };
	scope[QUERY_COUNT] = 0;
	return { logQuery: () => void (scope[QUERY_COUNT] = (scope[QUERY_COUNT] ?? 0) + 1) };
}

/**
 * PGlite's postgresql.conf, written at every start (PGlite replaces the file with these lines).
 * The defaults PGlite's initdb writes, but for shared_buffers: 128 MB of it is WebAssembly memory
 * the process holds for ever, for a database of a few tens of MB; 32 MB keeps every table of a
 * busy instance cached (issue 12: the server's memory, measured by `npm run bench`).
 */
const PGLITE_CONF = [
	'shared_buffers = 32MB',
	'max_connections = 100',
	'dynamic_shared_memory_type = posix',
	'max_wal_size = 1GB',
	'min_wal_size = 80MB',
	'log_timezone = UTC',
	'timezone = UTC',
	"datestyle = 'iso, mdy'",
	"lc_messages = 'C'",
	"lc_monetary = 'C'",
	"lc_numeric = 'C'",
	"lc_time = 'C'",
	"default_text_search_config = 'pg_catalog.english'"
];

/**
 * Creates a new PGlite data folder (initdb) in a short-lived child process. Run in the server,
 * initdb leaves ~500 MB of WebAssembly memory the process can never give back (a fresh server
 * held ~770 MB, one started on an existing folder ~300 MB); in a child, it is returned when the
 * child exits. If the child cannot run, the folder is created in this process as before.
 */
async function createDataFolderApart(dataDir: string): Promise<void> {
	if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
	const entry = pgliteEntry();
	if (!entry) return;
	const script =
		`const { PGlite } = require(${JSON.stringify(entry)});` +
		'const db = new PGlite(process.argv[1], { postgresqlconf: JSON.parse(process.argv[2]) });' +
		'db.waitReady.then(() => db.close()).then(() => process.exit(0), () => process.exit(1));';
	const { spawn } = await import('node:child_process');
	const code = await new Promise<number | null>((resolve) => {
		const child = spawn(process.execPath, ['-e', script, dataDir, JSON.stringify(PGLITE_CONF)], {
			stdio: 'ignore',
			env: { ...process.env, NODE_OPTIONS: '' }
		});
		child.on('error', () => resolve(null));
		child.on('exit', (exitCode) => resolve(exitCode));
	});
	// A half-made folder is cleared, for this process to make it whole.
	if (code !== 0) {
		await rm(dataDir, { recursive: true, force: true });
		await mkdir(dataDir, { recursive: true });
	}
}

/** PGlite's CommonJS entry as this process resolves it, for the child to load the same one. */
function pgliteEntry(): string | null {
	try {
		return createRequire(import.meta.url).resolve('@electric-sql/pglite');
	} catch {
		return null;
	}
}

/** Connects and migrates a database; tests call it directly to get a database of their own. */
export async function createDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
	if (config.engine === 'postgres') {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(config.url, { max: 10, onnotice: () => {} });
		const db = drizzle(client, { schema, logger: queryCounter() });
		await migrate(db, { migrationsFolder: migrationsFolder() });
		return { db, engine: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	if (config.dataDir) {
		await mkdir(config.dataDir, { recursive: true });
		await createDataFolderApart(config.dataDir);
	}
	const options = { postgresqlconf: PGLITE_CONF };
	const client = config.dataDir ? new PGlite(config.dataDir, options) : new PGlite(options);
	const db = drizzle(client, { schema, logger: queryCounter() });
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
