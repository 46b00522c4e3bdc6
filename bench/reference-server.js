// The reference for `npm run bench`: the stock y-websocket server, @y/websocket-server 0.1.1 (the
// last release on Yjs 13), set up as its own bin does — an HTTP server whose upgrades go to
// `setupWSConnection`, the room named by the path — but on loopback (PORT, or a free port), on the `ws`
// this project uses, so that both servers are compared on the same transport. No persistence, no
// authentication: the bench process starts it, reads the port from "listening on <port>", and
// stops it with SIGTERM.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'content-type': 'text/plain' });
	response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

server.listen(Number(process.env.PORT) || 0, '127.0.0.1', () => {
	const address = server.address();
	console.log(`listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});

process.on('SIGTERM', () => {
	for (const client of wss.clients) client.terminate();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2_000).unref();
});
