// Bundles server/index.ts (and the server modules it shares with SvelteKit) into build/start.js,
// next to adapter-node's handler.js. Packages stay external: they are in node_modules.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'build/start.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
