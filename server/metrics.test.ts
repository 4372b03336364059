import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, handleMetrics, type Metrics } from './metrics.ts';

const TOKEN = 'a-metrics-token-of-32-characters';
let server: http.Server;
let base: string;
let current: Metrics;

async function listen(token: string | undefined): Promise<void> {
	server = http.createServer((req, res) => {
		if (handleMetrics(req, res, token, current.registry)) return;
		res.writeHead(404).end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeEach(() => {
	current = createMetrics();
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('/metrics', () => {
	it('does not exist without METRICS_TOKEN', async () => {
		await listen(undefined);
		expect((await fetch(`${base}/metrics`)).status).toBe(404);
	});

	it('asks for the bearer token, and refuses a wrong one or another scheme', async () => {
		await listen(TOKEN);
		const none = await fetch(`${base}/metrics`);
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toContain('Bearer');
		expect(await none.text()).not.toContain('bridgework_');
		expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
		expect((await fetch(`${base}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
	});

	it('reports connections, documents, updates, append latency, refusals and HTTP latency to the token', async () => {
		await listen(TOKEN);
		current.watch({ connections: () => 3, documents: () => 2 });
		current.updateAppended(0.004);
		current.updateAppended(0.02);
		current.connectionRefused();
		current.httpRequest('GET', 200, 0.03);
		current.httpRequest('BREW', 418, 0.01);
		const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(response.status).toBe(200);
		const body = await response.text();
		expect(body).toContain('bridgework_collab_connections 3');
		expect(body).toContain('bridgework_documents_loaded 2');
		expect(body).toContain('bridgework_document_updates_total 2');
		expect(body).toContain('bridgework_update_append_seconds_count 2');
		expect(body).toContain('bridgework_update_append_seconds_bucket{le="0.005"} 1');
		expect(body).toContain('bridgework_collab_refused_connections_total 1');
		expect(body).toContain('bridgework_http_request_duration_seconds_count{method="GET",status="200"} 1');
		// A method a client made up is not a label of its own.
		expect(body).toContain('method="other",status="418"');
		expect(body).not.toContain('BREW');
	});
});
