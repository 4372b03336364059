import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedReport } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

const METRICS_TOKEN = 'integration-metrics-token-0123456789';
let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { METRICS_TOKEN } });
});
afterAll(() => server?.stop());

const scrape = (authorization?: string) => fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

describe('logs and metrics of the running server', () => {
	it('logs JSON lines with request ids and no client information, and counts edits and requests in /metrics', async () => {
		const report = await sharedReport(server, 'Squat depth improved; knee pain 2/10.');
		const logStart = server.output().length;
		const page = await fetch(`${server.url}/s/${report.token}?from=${encodeURIComponent(report.client.email)}`);
		expect(page.status).toBe(200);
		const requestId = page.headers.get('x-request-id');
		expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

		const peer = connectPeer(server, documentName(report.documentId), report.trainer.token);
		await peer.synced;
		appendParagraph(peer, 'Private note: Carla mentioned her divorce.');
		await allSaved(peer);
		peer.destroy();

		const response = await scrape(`Bearer ${METRICS_TOKEN}`);
		expect(response.status).toBe(200);
		const body = await response.text();
		expect(Number(/^bridgework_document_updates_total (\d+)/m.exec(body)?.[1])).toBeGreaterThanOrEqual(1);
		expect(Number(/^bridgework_update_append_seconds_count (\d+)/m.exec(body)?.[1])).toBeGreaterThanOrEqual(1);
		expect(body).toMatch(/^bridgework_http_request_duration_seconds_count\{method="GET",status="200"\} \d+/m);
		expect(body).toMatch(/^bridgework_collab_connections \d+/m);
		expect(body).toMatch(/^bridgework_documents_loaded \d+/m);
		expect(body).toMatch(/^bridgework_collab_refused_connections_total \d+/m);
		// The process's own figures are collected when there is a token to read them with.
		expect(body).toMatch(/^bridgework_process_process_cpu_user_seconds_total \d/m);
		expect(body).toMatch(/^bridgework_process_nodejs_eventloop_lag_p99_seconds \d/m);

		const written = server.output().slice(logStart).trim().split('\n');
		const entries = written.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(entries.find((entry) => entry.req_id === requestId)).toMatchObject({ msg: 'request', method: 'GET', path: '/s/[token]', status: 200 });
		// Everything since the start: sign-up, the client, consent, the share link and the edit.
		const all = server.output();
		// The address appears once: where the server says it listens.
		const otherLines = all.split('\n').filter((line) => !line.includes('Bridgework is running at'));
		expect(otherLines.join('\n')).not.toContain('127.0.0.1');
		for (const secret of [
			report.token,
			report.trainer.token,
			report.client.token,
			report.client.email,
			report.trainer.email,
			'Carla',
			'divorce',
			'knee pain'
		]) {
			expect(all, `the log holds ${secret}`).not.toContain(secret);
		}
		expect(
			all
				.trim()
				.split('\n')
				.every((line) => line.startsWith('{"level":'))
		).toBe(true);
	});

	it('answers /metrics only to the bearer of METRICS_TOKEN, and does not log the scrapes', async () => {
		const before = server.output().length;
		expect((await scrape()).status).toBe(401);
		expect((await scrape('Bearer wrong-token-wrong-token-0000')).status).toBe(401);
		expect((await scrape(`Bearer ${METRICS_TOKEN}`)).status).toBe(200);
		expect(server.output().slice(before)).not.toContain('/metrics');
	});

	it('has no /metrics without METRICS_TOKEN', async () => {
		const plain = await startServer();
		try {
			const response = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
			expect(response.status).toBe(404);
			expect(await response.text()).not.toContain('bridgework_');
		} finally {
			await plain.stop();
		}
	});
});
