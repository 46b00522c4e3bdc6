/**
 * In development, Vite owns the HTTP server: this plugin attaches the same Yjs upgrade handler
 * to it, loaded through Vite so that it shares modules (and the database) with SvelteKit's
 * server code. Upgrades not under /yjs/ are left to Vite (its HMR socket).
 */
import type { Plugin, ViteDevServer } from 'vite';
import type { YjsServer } from './yjs-server';
import { YJS_PATH_PREFIX } from './paths.ts';

export function yjsUpgradePlugin(): Plugin {
	return {
		name: 'mesa-abierta:yjs-upgrade',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			let yjs: Promise<YjsServer> | undefined;
			const load = async () => {
				const module = (await server.ssrLoadModule(
					'/server/yjs-server.ts'
				)) as typeof import('./yjs-server');
				return module.createYjsServer();
			};
			server.httpServer?.on('upgrade', (request, socket, head) => {
				if (!request.url?.startsWith(YJS_PATH_PREFIX)) return;
				yjs ??= load();
				yjs
					.then((handler) => handler.handleUpgrade(request, socket, head))
					.catch((error: unknown) => {
						server.config.logger.error(`Yjs upgrade failed: ${String(error)}`);
						socket.destroy();
					});
			});
			server.httpServer?.on('close', () => {
				yjs
					?.then((handler) => handler.close())
					.catch((error: unknown) =>
						server.config.logger.error(`Yjs close failed: ${String(error)}`)
					);
			});
		}
	};
}
