import http from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, loggablePath, logRequests } from './log.ts';

describe('loggablePath', () => {
	it('replaces share, invitation and calendar tokens, wherever the path goes on', () => {
		expect(loggablePath('/s/AbC123secret')).toBe('/s/[token]');
		expect(loggablePath('/s/AbC123secret/v/42')).toBe('/s/[token]/v/42');
		expect(loggablePath('/s/AbC123secret/pdf')).toBe('/s/[token]/pdf');
		expect(loggablePath('/invite/Tok_en-1')).toBe('/invite/[token]');
		expect(loggablePath('/calendar/feedtoken.ics')).toBe('/calendar/[token]');
		expect(loggablePath('/reset/ResetToken_1')).toBe('/reset/[token]');
		expect(loggablePath('/verify/ConfirmToken-2')).toBe('/verify/[token]');
	});

	it('drops the query and fragment, and keeps other paths as they are', () => {
		expect(loggablePath('/clients/17?email=ann@example.org#x')).toBe('/clients/17');
		expect(loggablePath('/documents')).toBe('/documents');
		expect(loggablePath('/s/')).toBe('/s/');
		expect(loggablePath(undefined)).toBe('/');
	});
});

function capture() {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk, _encoding, done) {
			lines.push(...String(chunk).trim().split('\n'));
			done();
		}
	});
	return { logger: createLogger(stream), lines };
}

describe('logRequests', () => {
	it('logs one JSON line a request with an id, the redacted path and status, and nothing about the client', async () => {
		const { logger, lines } = capture();
		const observed: Array<[string, number]> = [];
		const log = logRequests(logger, (method, status) => observed.push([method, status]));
		const server = http.createServer((req, res) => {
			log(req, res);
			res.writeHead(404).end('no');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		try {
			const response = await fetch(`http://127.0.0.1:${port}/s/SECRETTOKEN123?name=Ann%20Smith`, {
				headers: { 'user-agent': 'Ann-Smith-Browser', cookie: 'session=SESSIONSECRET', 'x-request-id': 'proxy-req-00000001' }
			});
			expect(response.headers.get('x-request-id')).toBe('proxy-req-00000001');
			await response.text();
			await expect.poll(() => lines.length).toBe(1);
		} finally {
			server.close();
		}
		const entry = JSON.parse(lines[0]!);
		expect(entry).toMatchObject({ msg: 'request', req_id: 'proxy-req-00000001', method: 'GET', path: '/s/[token]', status: 404 });
		expect(typeof entry.ms).toBe('number');
		for (const secret of ['SECRETTOKEN123', 'Ann', 'SESSIONSECRET', '127.0.0.1']) expect(lines[0]).not.toContain(secret);
		expect(observed).toEqual([['GET', 404]]);
	});

	it('makes its own id when a client sends an implausible one', async () => {
		const { logger, lines } = capture();
		const log = logRequests(logger);
		const server = http.createServer((req, res) => {
			log(req, res);
			res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		try {
			const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-request-id': 'x' } });
			expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
			await expect.poll(() => lines.length).toBe(1);
			expect(JSON.parse(lines[0]!).req_id).toBe(response.headers.get('x-request-id'));
		} finally {
			server.close();
		}
	});
});
