/**
 * `npm run demo`: seeds the embedded database with demo accounts, idempotently (a second run
 * finds them and changes nothing), and prints how to sign in. Later features add their demo data
 * here too.
 */
import { hashPassword } from '../src/lib/server/auth/password';
import type { Database } from '../src/lib/server/db/index';
import { users } from '../src/lib/server/db/schema';
import { notInArray } from 'drizzle-orm';

export const DEMO_PASSWORD = 'mesa-abierta-demo';

export const DEMO_ACCOUNTS = [
	{
		email: 'admin@demo.mesa-abierta.mx',
		name: 'Administración de la instancia',
		isInstanceAdmin: true
	},
	{
		email: 'facilitacion@demo.mesa-abierta.mx',
		name: 'Laura Méndez Ortiz',
		isInstanceAdmin: false
	},
	{ email: 'garante@demo.mesa-abierta.mx', name: 'Ricardo Salas Vega', isInstanceAdmin: false },
	{
		email: 'sociedad.civil@demo.mesa-abierta.mx',
		name: 'Ana Karen Torres Ruiz',
		isInstanceAdmin: false
	}
] as const;

/**
 * Inserts the demo accounts that are missing and prints the sign-in details. Refuses a database
 * that holds anyone else: the demo's admin password is public, and must never reach a real one.
 */
export async function seedDemo(db: Database): Promise<void> {
	const demoEmails: string[] = DEMO_ACCOUNTS.map((account) => account.email);
	const [other] = await db
		.select({ id: users.id })
		.from(users)
		.where(notInArray(users.email, demoEmails))
		.limit(1);
	if (other)
		throw new Error('npm run demo refuses a database with real accounts: use an empty DATA_DIR');
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db
		.insert(users)
		.values(DEMO_ACCOUNTS.map((account) => ({ ...account, passwordHash, locale: 'es-MX' })))
		.onConflictDoNothing({ target: users.email });
	const lines = DEMO_ACCOUNTS.map(
		(a) => `  ${a.email.padEnd(40)} ${DEMO_PASSWORD}${a.isInstanceAdmin ? '  (admin)' : ''}`
	);
	console.log(['', 'Cuentas de demostración / Demo accounts:', ...lines, ''].join('\n'));
}
