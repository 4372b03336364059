// A plain static HTTP server for the browser benchmarks' baselines, on a free port of 127.0.0.1:
// fixed bodies at given paths, and files from folders (the app's built assets, a bundled baseline
// page). A precompressed `.gz` beside a file is sent when the request accepts gzip, as the app's
// own server (sirv) does, so a baseline gets its bytes the way the page it stands for gets them.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

export interface StaticBody {
	body: Uint8Array | string;
	type: string;
	/** Sent gzip-compressed when the request accepts it (HTML served as the app sends it). */
	gzip?: boolean;
	headers?: Record<string, string>;
}

export interface StaticServer {
	url: string;
	set(pathname: string, body: StaticBody): void;
	close(): Promise<void>;
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2',
	'.json': 'application/json'
};

function acceptsGzip(request: http.IncomingMessage): boolean {
	return /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
}

/** Serves `bodies` by path, and anything else from the first of `folders` that holds it. */
export async function startStaticServer(folders: string[]): Promise<StaticServer> {
	const bodies = new Map<string, StaticBody>();
	const server = http.createServer((request, response) => {
		const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
		const fixed = bodies.get(pathname);
		if (fixed) {
			const bytes = typeof fixed.body === 'string' ? Buffer.from(fixed.body) : fixed.body;
			const gzip = fixed.gzip && acceptsGzip(request);
			response.writeHead(200, {
				'content-type': fixed.type,
				'cache-control': 'no-store',
				...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
				...fixed.headers
			});
			response.end(gzip ? zlib.gzipSync(bytes) : bytes);
			return;
		}
		for (const folder of folders) {
			const file = path.join(folder, path.normalize(pathname));
			if (!file.startsWith(folder) || !fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
			const gzip = acceptsGzip(request) && fs.existsSync(`${file}.gz`);
			response.writeHead(200, {
				'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
				'cache-control': 'no-cache',
				...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {})
			});
			response.end(fs.readFileSync(gzip ? `${file}.gz` : file));
			return;
		}
		response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the static server has no port');
	return {
		url: `http://127.0.0.1:${address.port}`,
		set: (pathname, body) => void bodies.set(pathname, body),
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			})
	};
}
