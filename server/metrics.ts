// Prometheus metrics (prom-client) at /metrics: off unless METRICS_TOKEN is set, and then only
// for a request bearing that token, because counts of connections and documents say how a
// practice works. Nothing here is labelled with anything about a person or a document.
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
	registry: Registry;
	/** An update committed to the update log, and how long its append took (queue and commit). */
	updateAppended(seconds: number): void;
	connectionRefused(): void;
	httpRequest(method: string, status: number, seconds: number): void;
	/** What is read when scraped: open /collab connections and documents in memory. */
	watch(source: { connections(): number; documents(): number }): void;
	/** The process's own figures (bridgework_process_*), collected from now on; once is enough. */
	collectProcessMetrics(): void;
}

export function createMetrics(): Metrics {
	const registry = new Registry();
	let collectingProcess = false;
	let source: { connections(): number; documents(): number } | undefined;
	new Gauge({
		name: 'bridgework_collab_connections',
		help: 'Open document connections on /collab',
		registers: [registry],
		collect() {
			this.set(source?.connections() ?? 0);
		}
	});
	new Gauge({
		name: 'bridgework_documents_loaded',
		help: 'Documents held in memory by this instance',
		registers: [registry],
		collect() {
			this.set(source?.documents() ?? 0);
		}
	});
	const updates = new Counter({
		name: 'bridgework_document_updates_total',
		help: 'Document updates committed to the update log (rate() gives updates/s)',
		registers: [registry]
	});
	const append = new Histogram({
		name: 'bridgework_update_append_seconds',
		help: 'Time from receiving an update to its commit in the update log',
		buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
		registers: [registry]
	});
	const refused = new Counter({
		name: 'bridgework_collab_refused_connections_total',
		help: 'Connections to /collab refused (limits, malformed frames, refused updates)',
		registers: [registry]
	});
	const http = new Histogram({
		name: 'bridgework_http_request_duration_seconds',
		help: 'HTTP requests by method and status, until the response is finished',
		labelNames: ['method', 'status'],
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry]
	});
	const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
	return {
		registry,
		updateAppended(seconds) {
			updates.inc();
			append.observe(seconds);
		},
		connectionRefused: () => refused.inc(),
		httpRequest(method, status, seconds) {
			// Labels from a bounded set: a client chooses its method, and must not grow the registry.
			http.observe({ method: METHODS.has(method) ? method : 'other', status: String(status) }, seconds);
		},
		watch(next) {
			source = next;
		},
		collectProcessMetrics() {
			if (collectingProcess) return;
			collectingProcess = true;
			collectDefaultMetrics({ register: registry, prefix: 'bridgework_process_' });
		}
	};
}

// The collaboration server and the entry point are built apart from the SvelteKit bundle; one
// registry per process, whoever asks first.
const KEY = Symbol.for('bridgework.metrics');

export function metrics(): Metrics {
	const holder = globalThis as { [KEY]?: Metrics };
	holder[KEY] ??= createMetrics();
	return holder[KEY];
}

function bearerMatches(header: string | undefined, token: string): boolean {
	const match = /^Bearer (.+)$/.exec(header ?? '');
	if (!match) return false;
	const given = Buffer.from(match[1]!);
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers GET /metrics when a token is configured; returns false for every other request (and
 * for /metrics without a token, which then is a page that does not exist like any other).
 */
export function handleMetrics(req: http.IncomingMessage, res: http.ServerResponse, token: string | undefined, registry: Registry): boolean {
	if (!token || req.url?.split('?')[0] !== '/metrics') return false;
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { allow: 'GET, HEAD' }).end();
		return true;
	}
	if (!bearerMatches(req.headers.authorization, token)) {
		res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
		res.end('A bearer token is needed (METRICS_TOKEN).\n');
		return true;
	}
	registry.metrics().then(
		(body) => {
			res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
			res.end(req.method === 'HEAD' ? undefined : body);
		},
		() => res.writeHead(500).end()
	);
	return true;
}
