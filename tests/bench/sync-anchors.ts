// The two servers `npm run bench:sync` measures Bridgework against, each run as its own process
// (`node --import ./sync-probe.ts sync-anchors.ts hocuspocus|y-websocket`) so that its CPU and
// memory are its own: Hocuspocus as it comes (no authentication, no persistence, no extension),
// and the y-websocket reference server (documents in memory, as its own server script does).
// Each prints the address its clients connect to once it listens.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@hocuspocus/server';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

async function hocuspocus(): Promise<string> {
	const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
	await server.listen();
	return `ws://127.0.0.1:${server.address.port}`;
}

async function yWebsocket(): Promise<string> {
	// What @y/websocket-server's own server script does, on a port of our choosing.
	const sockets = new WebSocketServer({ noServer: true });
	sockets.on('connection', setupWSConnection);
	const server = http.createServer((_request, response) => response.end('okay'));
	server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request)));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	process.on('SIGTERM', () => process.exit(0));
	return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const anchors: Record<string, () => Promise<string>> = { hocuspocus, 'y-websocket': yWebsocket };
const start = anchors[process.argv[2] ?? ''];
if (!start) throw new Error('usage: sync-anchors.ts hocuspocus|y-websocket');
// sync-targets.ts waits for this line.
console.log(`listening at ${await start()}`);
