import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessScenarios, runScenario, type AccessScenario, type LivePeer } from './helpers/access-scenarios.ts';
import { appendParagraph, connectPeer, paragraphs, within } from './helpers/collab.ts';
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

/** What the server stored, read by a fresh connection with the same credentials. */
async function storedParagraphs(peer: LivePeer): Promise<string[]> {
	const reader = connectPeer(server, peer.provider.configuration.name, peer.provider.configuration.token as string);
	await within(reader.synced, 10_000, 'a fresh reader to sync');
	const stored = paragraphs(reader.doc);
	reader.destroy();
	return stored;
}

// Moving the clock ends everything older at once, so the time-based ends run last.
const ordered: AccessScenario[] = [...accessScenarios.filter((s) => !s.clock), ...accessScenarios.filter((s) => s.clock)];

describe('access that changes while connected', () => {
	it.each(ordered.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
		const { situation, latencies, destroy } = await runScenario(server, scenario);
		try {
			for (const closing of situation.closes) {
				const { peer } = closing;
				if ('refusal' in closing) {
					expect(await within(peer.refused, 10_000, `${peer.who} to be refused on reconnecting`), peer.who).toBe(closing.refusal);
					continue;
				}
				// Narrowed, not ended: let back in to read, and a write on it is not stored.
				expect(await within(peer.reauthenticated, 10_000, `${peer.who} to be let back in`), peer.who).toBe('readonly');
				await within(peer.synced, 10_000, `${peer.who} to sync again`);
				appendParagraph(peer, 'written after the access narrowed');
				await new Promise((resolve) => setTimeout(resolve, 300));
				expect(await storedParagraphs(peer), `${peer.who}'s write after narrowing`).not.toContain('written after the access narrowed');
			}
			// Long enough for a wrong close to arrive: the watcher decides within a tick of 100 ms.
			await new Promise((resolve) => setTimeout(resolve, 500));
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
