import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessScenarios, READS_ON, runScenario, type AccessScenario } from './helpers/access-scenarios.ts';
import { eventually, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

/**
 * Every change of access while connected, against the real server and real provider clients: the
 * connections it touches are closed and refused when they come back; the others stay open. The
 * time-based ends run on a server whose clock the test moves (the only fake: time). How long the
 * closing takes is measured by tests/bench/access-latency.ts; here it is only printed.
 */

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ fakeClock: true });
});
afterAll(() => server?.stop());

// Moving the clock ends everything older at once, so the time-based ends run last.
const ordered: AccessScenario[] = [...accessScenarios.filter((s) => !s.clock), ...accessScenarios.filter((s) => s.clock)];

describe('access that changes while connected', () => {
	it.each(ordered.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
		const { situation, latencies, destroy } = await runScenario(server, scenario);
		try {
			for (const { peer, refusal } of situation.closes) {
				if (refusal === READS_ON) {
					await eventually(() => peer.provider.isSynced && peer.provider.authorizedScope === 'readonly', { what: `${peer.who} to reconnect read-only` });
					expect(peer.provider.authorizedScope, `${peer.who} reads on, read-only`).toBe('readonly');
				} else {
					expect(await within(peer.refused, 10_000, `${peer.who} to be refused on reconnecting`), peer.who).toBe(refusal);
				}
			}
			// Long enough for a wrong close to arrive: the watcher decides within a tick of 100 ms.
			await new Promise((resolve) => setTimeout(resolve, 500));
			for (const peer of situation.reopens ?? []) {
				await eventually(() => peer.provider.isSynced, { what: `${peer.who} to reconnect with its narrower access` });
			}
			for (const peer of situation.stays) {
				expect(peer.isClosed(), `${peer.who} stays connected`).toBe(false);
				expect(peer.provider.isSynced, `${peer.who} stays synced`).toBe(true);
			}
			if (latencies.length) console.log(`[access] ${scenario.name}: closed in ${latencies.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
		} finally {
			destroy();
		}
	});
});
