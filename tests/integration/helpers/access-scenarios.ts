import {
	addClient,
	approvePendingLinks,
	consentingClient,
	createBlankDocument,
	createShareLink,
	keepPrivate,
	postForm,
	consentReadyToSign,
	liveLinksOf,
	revokeConsent,
	revokeLinks,
	sharedReport,
	signConsentWith,
	signOut,
	signUpTrainer,
	withdrawCoEditing,
	type SignedIn
} from './accounts.ts';
import { connectPeer, documentName, within, type TestPeer } from './collab.ts';
import { eq, inArray, max } from 'drizzle-orm';
import { clients, documents, sessions, shareLinks, users } from '../../../server/db/schema.ts';
import { readDirectly, writeDirectly } from './database.ts';
import type { RunningServer } from './server.ts';

/**
 * Every way access to an open document can change, each as a situation with live connections
 * and the change itself. The integration tests run each once and check what closes and what
 * stays; tests/bench/access-latency.ts runs each ten times and reports how long closing took.
 */

/** A real provider client, synced, that notes the moment the server closes it. */
export interface LivePeer extends TestPeer {
	who: string;
	/** performance.now() of the first close the client saw; never resolves while open. */
	closed: Promise<number>;
	isClosed: () => boolean;
	/** The scope the server gives when it lets this client in again after a close. */
	reauthenticated: Promise<string>;
}

export interface Situation {
	/**
	 * Connections the change must close, and what each meets on reconnecting: a refusal, or
	 * (access narrowed from writing to reading) a read-only connection.
	 */
	closes: Array<{ peer: LivePeer; refusal: string } | { peer: LivePeer; reconnectsReadOnly: true }>;
	/** Connections the change must leave open. */
	stays: LivePeer[];
	/** Makes the change; resolves once it is made (the HTTP answer came, the row is written). */
	change: () => Promise<void>;
}

export interface AccessScenario {
	name: string;
	/** Needs the server's fake clock (startServer({ fakeClock: true })): a time-based end. */
	clock?: boolean;
	prepare: (server: RunningServer) => Promise<Situation>;
}

export async function livePeer(server: RunningServer, who: string, documentId: string, token: string): Promise<LivePeer> {
	const peer = connectPeer(server, documentName(documentId), token);
	let authentications = 0;
	const reauthenticated = new Promise<string>((resolve) =>
		peer.provider.on('authenticated', ({ scope }: { scope: string }) => {
			authentications += 1;
			if (authentications === 2) resolve(scope);
		})
	);
	let closedAt: number | undefined;
	const closed = new Promise<number>((resolve) =>
		peer.provider.on('close', () => {
			closedAt ??= performance.now();
			resolve(closedAt);
		})
	);
	await within(
		Promise.race([peer.synced, peer.refused.then((reason) => Promise.reject(new Error(`${who} was refused: ${reason}`)))]),
		10_000,
		`${who} to sync`
	);
	return { ...peer, who, closed, isClosed: () => closedAt !== undefined, reauthenticated };
}

const provider = (token: string) => `share:${token}`;

function expectOk(response: Response, what: string, status = [200, 303]) {
	if (!status.includes(response.status)) throw new Error(`${what} answered ${response.status}`);
}

async function signIn(server: RunningServer, who: SignedIn): Promise<SignedIn> {
	const response = await postForm(server, '/signin', { email: who.email, password: 'a long enough password' });
	const token = /bw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (response.status !== 303 || !token) throw new Error(`signing in again failed with ${response.status}`);
	return { ...who, token, cookie: `bw_session=${token}` };
}

/** A report with a consenting, co-editing client and an approved link, all three connected. */
async function everyoneConnected(server: RunningServer) {
	const report = await sharedReport(server);
	const [trainer, client, reader] = await Promise.all([
		livePeer(server, 'trainer', report.documentId, report.trainer.token),
		livePeer(server, 'client', report.documentId, report.client.token),
		livePeer(server, 'provider', report.documentId, provider(report.token))
	]);
	return { report, peers: { trainer, client, reader } };
}

const DAY = 24 * 60 * 60 * 1000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function fakeClock(server: RunningServer) {
	if (!server.clock) throw new Error('this scenario needs startServer({ fakeClock: true })');
	return server.clock;
}

export const accessScenarios: AccessScenario[] = [
	{
		name: 'consent revoked',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [
					{ peer: peers.client, reconnectsReadOnly: true },
					{ peer: peers.reader, refusal: 'link-not-valid' }
				],
				stays: [peers.trainer],
				change: async () => expectOk(await revokeConsent(server, report.client, report.clientId), 'revoking')
			};
		}
	},
	{
		name: 'co-editing withdrawn',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [{ peer: peers.client, reconnectsReadOnly: true }],
				stays: [peers.trainer, peers.reader],
				change: async () => expectOk(await withdrawCoEditing(server, report.client, report.clientId), 'withdrawing')
			};
		}
	},
	{
		name: 'consent re-signed without co-editing',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			const sign = await consentReadyToSign(server, report.client, report.clientId, { clientName: 'Carla Client', trainer: report.trainer, coEditing: false });
			return {
				closes: [{ peer: peers.client, reconnectsReadOnly: true }],
				stays: [peers.trainer, peers.reader],
				change: async () => expectOk(await sign(), 're-signing', [303])
			};
		}
	},
	{
		name: 'consent re-signed naming another provider',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			const sign = await consentReadyToSign(server, report.client, report.clientId, {
				clientName: 'Carla Client',
				trainer: report.trainer,
				coEditing: true,
				providers: ['Dr Olu Okafor, physiotherapist, Elm Street Physio']
			});
			return {
				closes: [{ peer: peers.reader, refusal: 'link-not-valid' }],
				stays: [peers.trainer, peers.client],
				change: async () => expectOk(await sign(), 're-signing', [303])
			};
		}
	},
	{
		name: 'consent end date passes',
		clock: true,
		async prepare(server) {
			const clock = fakeClock(server);
			const { report, peers } = await everyoneConnected(server);
			// The earliest end the form accepts: tomorrow is the last day, so it ends the day after.
			const lastDay = isoDate(clock.now() + DAY);
			expectOk(
				await signConsentWith(server, report.client, report.clientId, {
					clientName: 'Carla Client',
					trainer: report.trainer,
					coEditing: true,
					expiresOn: lastDay
				}),
				'signing',
				[303]
			);
			const endsAt = Date.parse(`${lastDay}T00:00:00Z`) + DAY;
			return {
				closes: [
					{ peer: peers.client, reconnectsReadOnly: true },
					{ peer: peers.reader, refusal: 'link-not-valid' }
				],
				stays: [],
				change: () => clock.advance(endsAt - clock.now())
			};
		}
	},
	{
		name: 'link revoked',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			const links = await liveLinksOf(server, report.trainer, report.documentId);
			return {
				closes: [{ peer: peers.reader, refusal: 'link-not-valid' }],
				stays: [peers.trainer, peers.client],
				change: async () => {
					if ((await revokeLinks(server, report.trainer, report.documentId, links)) !== 1) throw new Error('expected one link to revoke');
				}
			};
		}
	},
	{
		name: 'link re-scoped to another document (a write outside the app)',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			const other = await createBlankDocument(server, report.trainer, report.clientId, 'Another report');
			return {
				closes: [{ peer: peers.reader, refusal: 'link-not-valid' }],
				stays: [peers.trainer, peers.client],
				change: async () => {
					await writeDirectly(server, async (db) => {
						await db.update(shareLinks).set({ documentId: other }).where(eq(shareLinks.documentId, report.documentId));
					});
				}
			};
		}
	},
	{
		name: 'link expires',
		clock: true,
		async prepare(server) {
			const clock = fakeClock(server);
			// A link lasts at least until the end of the day it is made: start the day afresh, so
			// that a run right after another one's expiry (23:59:59) may still make one for today.
			await clock.advance(DAY - (clock.now() % DAY) + 1000);
			const trainer = await signUpTrainer(server);
			const clientId = await addClient(server, trainer, 'Carla Client');
			const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report');
			const client = await consentingClient(server, trainer, clientId);
			const today = isoDate(clock.now());
			const link = await createShareLink(server, trainer, documentId, { expiry: 'date', expiresOn: today });
			if (!link.token) throw new Error(`no link created (${link.status})`);
			await approvePendingLinks(server, client, clientId);
			const reader = await livePeer(server, 'provider', documentId, provider(link.token));
			const expiresAt = Date.parse(`${today}T23:59:59Z`);
			return { closes: [{ peer: reader, refusal: 'link-not-valid' }], stays: [], change: () => clock.advance(expiresAt - clock.now()) };
		}
	},
	{
		name: 'session signed out',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [{ peer: peers.trainer, refusal: 'unauthenticated' }],
				stays: [peers.client, peers.reader],
				change: async () => expectOk(await signOut(server, report.trainer), 'signing out', [303])
			};
		}
	},
	{
		name: 'signed out everywhere',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			const laptop = await signIn(server, report.trainer);
			const second = await livePeer(server, 'trainer on a second device', report.documentId, laptop.token);
			return {
				closes: [
					{ peer: peers.trainer, refusal: 'unauthenticated' },
					{ peer: second, refusal: 'unauthenticated' }
				],
				stays: [peers.client, peers.reader],
				change: async () => expectOk(await signOut(server, laptop, true), 'signing out everywhere', [303])
			};
		}
	},
	{
		name: 'every session of a person ended (a write outside the app)',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [{ peer: peers.trainer, refusal: 'unauthenticated' }],
				stays: [peers.client, peers.reader],
				change: async () => {
					await writeDirectly(server, async (db) => {
						await db.delete(sessions).where(inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.email, report.trainer.email))));
					});
				}
			};
		}
	},
	{
		name: 'session expires',
		clock: true,
		async prepare(server) {
			const clock = fakeClock(server);
			const trainer = await signUpTrainer(server);
			const clientId = await addClient(server, trainer);
			const documentId = await createBlankDocument(server, trainer, clientId);
			const peer = await livePeer(server, 'trainer', documentId, trainer.token);
			const expiresAt = await readDirectly(server, async (db) => {
				const [row] = await db
					.select({ at: max(sessions.expiresAt) })
					.from(sessions)
					.innerJoin(users, eq(sessions.userId, users.id))
					.where(eq(users.email, trainer.email));
				return row!.at!.getTime();
			});
			return { closes: [{ peer, refusal: 'unauthenticated' }], stays: [], change: () => clock.advance(expiresAt - clock.now()) };
		}
	},
	{
		name: 'client record unlinked from the account (a write outside the app)',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [{ peer: peers.client, refusal: 'forbidden' }],
				stays: [peers.trainer, peers.reader],
				change: async () => {
					await writeDirectly(server, async (db) => {
						await db.update(clients).set({ userId: null }).where(eq(clients.id, report.clientId));
					});
				}
			};
		}
	},
	{
		name: 'document deleted (a write outside the app)',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [
					{ peer: peers.trainer, refusal: 'forbidden' },
					{ peer: peers.client, refusal: 'forbidden' },
					{ peer: peers.reader, refusal: 'link-not-valid' }
				],
				stays: [],
				change: async () => {
					await writeDirectly(server, async (db) => {
						await db.delete(documents).where(eq(documents.id, report.documentId));
					});
				}
			};
		}
	},
	...(['archived', 'deleted'] as const).flatMap((done): AccessScenario[] => [
		{
			name: `client ${done} by the trainer`,
			async prepare(server) {
				const { report, peers } = await everyoneConnected(server);
				return {
					closes: [
						// Archived, the trainer and the client keep reading it: closed, and back as readers.
						done === 'deleted' ? { peer: peers.trainer, refusal: 'forbidden' } : { peer: peers.trainer, reconnectsReadOnly: true as const },
						done === 'deleted' ? { peer: peers.client, refusal: 'forbidden' } : { peer: peers.client, reconnectsReadOnly: true as const },
						{ peer: peers.reader, refusal: 'link-not-valid' }
					],
					stays: [],
					change: async () =>
						expectOk(
							await postForm(server, `/clients/${report.clientId}?/${done === 'archived' ? 'archive' : 'delete'}`, {}, report.trainer.cookie),
							done,
							[303]
						)
				};
			}
		},
		{
			name: `document ${done} by the trainer`,
			async prepare(server) {
				const { report, peers } = await everyoneConnected(server);
				const other = await createBlankDocument(server, report.trainer, report.clientId, 'Another log');
				const elsewhere = await livePeer(server, 'trainer in another document', other, report.trainer.token);
				return {
					closes: [
						// Archived, the trainer and the client keep reading it: closed, and back as readers.
						done === 'deleted' ? { peer: peers.trainer, refusal: 'forbidden' } : { peer: peers.trainer, reconnectsReadOnly: true as const },
						done === 'deleted' ? { peer: peers.client, refusal: 'forbidden' } : { peer: peers.client, reconnectsReadOnly: true as const },
						{ peer: peers.reader, refusal: 'link-not-valid' }
					],
					stays: [elsewhere],
					change: async () =>
						expectOk(
							await postForm(server, `/documents/${report.documentId}?/${done === 'archived' ? 'archive' : 'delete'}`, {}, report.trainer.cookie),
							done,
							[303]
						)
				};
			}
		}
	]),
	{
		name: 'document kept as private working notes',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [
					{ peer: peers.client, refusal: 'forbidden' },
					{ peer: peers.reader, refusal: 'link-not-valid' }
				],
				stays: [peers.trainer],
				change: async () => void (await keepPrivate(server, report.trainer, report.documentId))
			};
		}
	},
	{
		name: 'a link created (access unchanged)',
		async prepare(server) {
			const { report, peers } = await everyoneConnected(server);
			return {
				closes: [],
				stays: [peers.trainer, peers.client, peers.reader],
				change: async () => {
					const link = await createShareLink(server, report.trainer, report.documentId, { providerName: 'Dr Ben Brook' });
					if (!link.token) throw new Error(`no link created (${link.status})`);
				}
			};
		}
	}
];

/** Makes the change and waits for every connection it must close; returns each one's latency in ms. */
export async function runScenario(server: RunningServer, scenario: AccessScenario) {
	const situation = await scenario.prepare(server);
	const started = performance.now();
	await situation.change();
	const closing = situation.closes.map(({ peer }) => peer);
	const latencies = await Promise.all(
		closing.map(async (peer) => (await within(peer.closed, 10_000, `${peer.who}'s connection to close (${scenario.name})`)) - started)
	);
	return { situation, latencies, destroy: () => [...closing, ...situation.stays].forEach((peer) => peer.destroy()) };
}
