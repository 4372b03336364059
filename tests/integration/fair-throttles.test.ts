import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedReport, signUpTrainer } from './helpers/accounts.ts';
import { connectPeer, documentName, within } from './helpers/collab.ts';
import { auditLog } from '../../server/db/schema.ts';
import { readDirectly } from './helpers/database.ts';
import { RawSocket } from './helpers/raw-socket.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

// Addresses come from a header here, as behind a proxy, so one test process can be several people.
// adapter-node refuses a request without the header then: the shared helpers' requests get a
// default one.
let server: RunningServer;
const plainFetch = globalThis.fetch;
beforeAll(async () => {
	server = await startServer({ env: { ADDRESS_HEADER: 'x-real-ip' } });
	globalThis.fetch = (input, init = {}) => {
		const headers = new Headers(init.headers);
		if (!headers.has('x-real-ip')) headers.set('x-real-ip', '192.0.2.1');
		return plainFetch(input, { ...init, headers });
	};
});
afterAll(() => {
	globalThis.fetch = plainFetch;
	return server?.stop();
});

const from = (address: string) => ({ 'x-real-ip': address });

function signIn(email: string, password: string, address: string) {
	return fetch(`${server.url}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...from(address) },
		body: new URLSearchParams({ email, password })
	});
}

function refusalRows(address: string) {
	return readDirectly(server, (db) =>
		db
			.select({ detail: auditLog.detail, count: auditLog.count, at: auditLog.at })
			.from(auditLog)
			.where(and(eq(auditLog.event, 'refused'), eq(auditLog.ipAddress, address)))
			.orderBy(asc(auditLog.id))
	);
}

/** A row per reason and minute: the test may straddle a minute's end. */
function rowsAllowed(rows: { at: Date }[], reasons: number): number {
	return reasons * new Set(rows.map((row) => Math.floor(row.at.getTime() / 60_000))).size;
}

describe('sign-in throttles', () => {
	it('do not let a stranger lock a trainer out by typing wrong passwords', async () => {
		const trainer = await signUpTrainer(server, { password: 'the trainer’s own password' });
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) statuses.push((await signIn(trainer.email, `a wrong guess ${i}`, '203.0.113.66')).status);
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses.at(-1)).toBe(429);
		// The stranger stays refused, even with the right password…
		expect((await signIn(trainer.email, 'the trainer’s own password', '203.0.113.66')).status).toBe(429);
		// …while the trainer, elsewhere, signs in (slowed down a little, never refused).
		const own = await signIn(trainer.email, 'the trainer’s own password', '198.51.100.7');
		expect(own.status).toBe(303);
		expect(own.headers.get('set-cookie')).toContain('bw_session=');
	});
});

describe('share-link throttles', () => {
	it('over HTTP: guesses are throttled and audited a row a minute, and a valid link still opens from the same address', async () => {
		const { token } = await sharedReport(server);
		const guesser = '203.0.113.77';
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) {
			statuses.push((await fetch(`${server.url}/s/${'G'.repeat(26)}${String.fromCharCode(65 + (i % 26))}`, { headers: from(guesser) })).status);
		}
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
		expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
		const rows = await refusalRows(guesser);
		expect(rows.length).toBeLessThanOrEqual(rowsAllowed(rows, 2));
		expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(25);

		const provider = await fetch(`${server.url}/s/${token}`, { headers: from(guesser) });
		expect(provider.status).toBe(200);
		expect(await provider.text()).toContain('Progress report, November');
	});

	it('over /collab: one socket cannot go on guessing, refusals are counted not piled up, and a valid link still opens', async () => {
		const { documentId, token } = await sharedReport(server);
		const name = documentName(documentId);
		const guesser = '203.0.113.88';
		const socket = await RawSocket.open(server, from(guesser));
		const answers: unknown[] = [];
		const guess = (i: number) => `share:${'G'.repeat(26)}${String.fromCharCode(65 + (i % 26))}`;
		for (let i = 0; i < 200 && socket.isOpen; i++) {
			const answer = await socket.authenticate(name, guess(i));
			answers.push(answer);
			if ('denied' in answer && answer.denied === 'rate-limited') break;
		}
		expect(answers.slice(0, 10)).toEqual(Array(10).fill({ denied: 'link-not-valid' }));
		expect(answers).toHaveLength(11);
		expect(answers[10]).toEqual({ denied: 'rate-limited' });
		expect(await within(socket.closed, 10_000, 'the guessing socket to close')).toEqual({ code: 4429, reason: 'rate-limited' });

		// A fresh socket gets one guess before it is closed again.
		const again = await RawSocket.open(server, from(guesser));
		expect(await again.authenticate(name, guess(11))).toEqual({ denied: 'rate-limited' });
		await within(again.closed, 10_000, 'the second socket to close');

		const rows = await refusalRows(guesser);
		expect(rows.length).toBeLessThanOrEqual(rowsAllowed(rows, 2));
		expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(answers.length + 1);

		// The provider behind the same address opens the link they were sent, live.
		const reader = connectPeer(server, name, `share:${token}`, undefined, from(guesser));
		await within(reader.synced, 10_000, 'the provider to sync');
		reader.destroy();
	});
});
