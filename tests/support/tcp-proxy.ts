/**
 * A load balancer in miniature for the cluster tests: a TCP proxy on a free port that sends each
 * new connection to the instance it currently points at. A test kills an instance and points the
 * proxy at another; clients reconnecting through it land there, as behind nginx.
 */
import { createServer, connect, type Socket } from 'node:net';
import { freePort } from './app-process';

export interface TcpProxy {
	url: string;
	/** Where new connections go from now on. */
	pointAt(port: number): void;
	close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
	let target = targetPort;
	const sockets = new Set<Socket>();
	const server = createServer((client) => {
		const upstream = connect(target, '127.0.0.1');
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream).pipe(client);
		upstream.on('close', () => client.destroy());
		client.on('close', () => upstream.destroy());
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		pointAt(next) {
			target = next;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}
