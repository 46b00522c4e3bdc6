import { defineConfig } from 'drizzle-kit';

// `drizzle-kit generate` reads only the schema: no database is needed to make a migration.
export default defineConfig({
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle',
	dialect: 'postgresql',
	strict: true,
	verbose: true
});
