/**
 * The bench's parameters, from the environment or `--name=value` flags (a flag wins). Read once, at
 * start; every other module takes what it needs from `parameters`.
 *
 * ROOMS (30), CLIENTS (30), CHECKINS (14 per room), MOTIONS (3 per room), VOTERS (4 seat holders
 * voting on each motion), EDITS (400 per room: about a minute of typing, so two of the server's
 * 30-second ping rounds fall inside it), PAUSE_MS ('1000-3000', between the live events of a room),
 * EDIT_PAUSE_MS ('50-250', between edits), IDLE_S (10: clients connected, nothing happening, to
 * measure the server's CPU at rest), EVENT_TIMEOUT_MS (10000), TIMEOUT_S (2400 per engine).
 *
 * ENGINE: `pglite` (embedded, the default without BENCH_DATABASE_URL), `postgres` (a fresh database
 * on BENCH_DATABASE_URL, or on the local server at 127.0.0.1:5432 when unset), or `both` (PGlite,
 * then PostgreSQL). `--scale`: 100 rooms × 30 clients on the one process. `--quick`: a smoke run,
 * 3 rooms × 5 clients. `--minutes=0` skips the minutes and reference phases.
 *
 * BENCH_PORT: the app listens there, the reference server on the next port, the app's inspector
 * (with PROFILE) on the one after; free ports when unset. PROFILE=<dir>: CPU profiles of the server
 * during each phase (the V8 profiler `node --cpu-prof` uses, through the inspector), with the
 * database queries per tap; the top entries are printed. APP_DIR: run the built app of another
 * checkout (its build/, drizzle/ and node_modules), to compare before and after in one session;
 * RELOAD_AFTER_TAP=1 reloads the page data after every tap, as the app's client did before taps
 * stopped reloading (issue 12).
 *
 * INSTANCES (1, or 2): with 2, two app instances share one PostgreSQL database and one Redis
 * (BENCH_REDIS_URL, redis://127.0.0.1:6379 when unset; a fresh REDIS_PREFIX, its keys deleted
 * afterwards); each room's clients alternate between them, every action is posted to the first,
 * and the report adds the delivery to the clients of each instance. It implies PostgreSQL.
 */
const argv = process.argv.slice(2);

function parameter(name: string): string | undefined {
	const flag = `--${name.toLowerCase().replaceAll('_', '-')}`;
	const given = argv.find((arg) => arg === flag || arg.startsWith(`${flag}=`));
	if (given === flag) return '1';
	return given ? given.slice(flag.length + 1) : process.env[name];
}

function count(name: string, fallback: number, min = 1): number {
	const raw = parameter(name);
	const value = raw === undefined || raw === '' ? fallback : Number(raw);
	if (!Number.isInteger(value) || value < min)
		throw new Error(`${name} must be a whole number ≥ ${min}`);
	return value;
}

function range(name: string, fallback: string): [number, number] {
	const raw = parameter(name) || fallback;
	const [low, high = low] = raw.split('-').map(Number);
	if (!Number.isFinite(low) || !Number.isFinite(high) || low! < 0 || high! < low!)
		throw new Error(`${name} must be a pause in ms, or a range like 250-750`);
	return [low!, high!];
}

const flag = (name: string) => ['1', 'true', 'yes'].includes(parameter(name) ?? '');

export type Engine = 'pglite' | 'postgres';

function instances(): 1 | 2 {
	const given = count('INSTANCES', 1);
	if (given !== 1 && given !== 2) throw new Error('INSTANCES must be 1 or 2');
	return given;
}

function engines(several: boolean): Engine[] {
	const given =
		parameter('ENGINE') ?? (several || parameter('BENCH_DATABASE_URL') ? 'postgres' : 'pglite');
	// PGlite lives inside one process: two instances cannot share it (docs/OPERATIONS.md).
	if (several && given !== 'postgres')
		throw new Error(
			'--instances=2 runs on PostgreSQL only: PGlite is embedded in one process and cannot be ' +
				'shared by two instances (drop --engine, or use --engine=postgres)'
		);
	if (given === 'both') return ['pglite', 'postgres'];
	if (given === 'pglite' || given === 'postgres') return [given];
	throw new Error('ENGINE must be pglite, postgres or both');
}

const quick = flag('QUICK');
const scale = flag('SCALE');
const instanceCount = instances();

/** The body template every room's body is made from, and its seats' sectors in seat order. */
export const PRESET = 'zacatecas-stl';
export const PRESET_SECTORS = [
	'executive',
	'legislative',
	'judicial',
	'municipal-government',
	'civil-society',
	'academia',
	'guarantor'
];
export const SEATS = PRESET_SECTORS.length;

export const parameters = {
	quick,
	rooms: count('ROOMS', quick ? 3 : scale ? 100 : 30),
	clients: count('CLIENTS', quick ? 5 : 30, 2),
	checkIns: count('CHECKINS', quick ? 8 : 14),
	motions: count('MOTIONS', quick ? 2 : 3),
	voters: count('VOTERS', 4),
	edits: count('EDITS', quick ? 10 : 400, 0),
	minutes: parameter('MINUTES') !== '0',
	pauseMs: range('PAUSE_MS', quick ? '300-900' : '1000-3000'),
	editPauseMs: range('EDIT_PAUSE_MS', '50-250'),
	idleS: count('IDLE_S', quick ? 3 : 10, 0),
	eventTimeoutMs: count('EVENT_TIMEOUT_MS', 10_000),
	timeoutS: count('TIMEOUT_S', 2400),
	instances: instanceCount,
	engines: engines(instanceCount > 1),
	redisUrl: parameter('BENCH_REDIS_URL') || 'redis://127.0.0.1:6379',
	postgresUrl: parameter('BENCH_DATABASE_URL') || 'postgres://postgres@127.0.0.1:5432/postgres',
	port: parameter('BENCH_PORT') ? count('BENCH_PORT', 0) : null,
	profileDir: parameter('PROFILE') || null,
	appDir: parameter('APP_DIR') || null,
	reloadAfterTap: flag('RELOAD_AFTER_TAP')
};
if (parameters.voters > SEATS)
	throw new Error(`VOTERS must be at most ${SEATS}, the seats of a body`);

export const TARGETS = {
	p99Ms: 50,
	/** Minutes fan-out p99, ours ÷ the reference server's. */
	ratio: 1.2,
	cpuPerTapMs: { pglite: 10, postgres: 5 } as Record<Engine, number>,
	/** Peak memory: under this on PGlite; on PostgreSQL the reference's peak plus this much. */
	pglitePeakMb: 500,
	postgresOverReferenceMb: 150,
	/** Two instances: the delivery to the second instance's clients over the first's, p50. */
	crossInstanceMs: 5
};

/** The clients of a phase connect over this long (the awareness renewal period of y-protocols). */
export const CONNECT_SPREAD_MS = 15_000;
export const PASSWORD = 'una contraseña larga';
