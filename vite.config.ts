import { defineConfig } from 'vitest/config';
import tailwindcss from '@tailwindcss/vite';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { yjsUpgradePlugin } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [
		tailwindcss(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The signed-in user's saved setting, then the cookie, then the browser's Accept-Language.
			strategy: ['custom-user', 'cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit(),
		yjsUpgradePlugin()
	],
	test: {
		expect: { requireAssertions: true },
		environment: 'node',
		include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'tests/server/**/*.spec.ts'],
		testTimeout: 20_000,
		hookTimeout: 60_000
	}
});
