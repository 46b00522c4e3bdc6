// `npm run bench` (after `npm run build`): bundles bench/main.ts (and the modules beside it) — TypeScript that shares
// tests/support/app-process.ts with the tests — with esbuild, as scripts/build-server.js bundles the
// server, into node_modules/.cache (where the packages resolve), and runs it in this process.
// Arguments pass through: `npm run bench -- --quick`, `npm run bench -- --engine=both`, `-- --scale`
// (100 rooms × 30 clients), `-- --rooms=10 --clients=20`; every parameter is in bench/parameters.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

process.chdir(path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
if (!existsSync('build/start.js')) {
	console.error('bench: build/start.js is missing; run `npm run build` first.');
	process.exit(1);
}

const outfile = path.resolve('node_modules/.cache/mesa-abierta-bench/bench.mjs');
await build({
	entryPoints: ['bench/main.ts'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: 'inline',
	logLevel: 'warning'
});
try {
	await import(pathToFileURL(outfile).href);
} catch (error) {
	// A parameter refused (bench/parameters.ts) before anything started: its message, no stack.
	console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(2);
}
