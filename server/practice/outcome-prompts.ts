import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Source } from '../../src/lib/shared/measures/catalogue.ts';
import {
	improvementsOf,
	improvementSources,
	improvementText,
	mergeCustomMeasures,
	mergeMeasurements,
	type Improvement
} from '../../src/lib/shared/measures/improvements.ts';
import { documentKindInfo } from '../../src/lib/shared/practice/document-kinds.ts';
import type { FormatContext } from '../../src/lib/shared/format.ts';
import type { Provider } from '../../src/lib/shared/referrals/types.ts';
import type { ProviderRole } from '../../src/lib/shared/referrals/vocabulary.ts';
import { consentState, type ConsentState } from '../consent/records.ts';
import type { Db } from '../db/client.ts';
import { clients, documents, outcomePrompts, type Client, type Document } from '../db/schema.ts';
import { readStoredPractice } from '../referrals/stored-practice.server.ts';
import { consentCovers } from '../sharing/coverage.ts';
import { readDocumentMeasures } from './document-measures.ts';
import { createDocumentOnce } from './documents.ts';
import { practiceFormat } from './format-context.ts';

/**
 * Suggestions to tell a client's provider about an improvement (issue 19.2). Every suggestion goes
 * through the client's consent: while the consent in force does not cover a progress report to the
 * provider, the one thing offered is to ask the client (the trainer sends the request; nothing here
 * sends anything); once it does, drafting the report. A client who revoked their consent, or whose
 * record is archived, gets no suggestion at all: they have said no, or left.
 */

export type OutcomeStep = 'invite' | 'ask' | 'draft';

export interface OutcomeProvider {
	id: string;
	name: string;
	role: ProviderRole;
	practiceName: string;
}

export interface OutcomeSuggestion {
	clientId: string;
	clientName: string;
	improvements: Array<{ key: string; text: string; sources: Source[] }>;
	/** Who the report would go to: who referred the client, else a provider their consent names. */
	provider: OutcomeProvider | null;
	step: OutcomeStep;
	/** Why the consent in force does not yet cover it, in the trainer's words. */
	reason: string | null;
}

const measureKinds = Object.entries(documentKindInfo)
	.filter(([, info]) => info.measures)
	.map(([kind]) => kind as Document['kind']);

/** Every measurement in the client's documents in use, each counted once however often it was copied. */
export async function clientImprovements(db: Db, client: Pick<Client, 'id' | 'dateOfBirth'>): Promise<Improvement[]> {
	const rows = await db
		.select({ id: documents.id })
		.from(documents)
		.where(and(eq(documents.clientId, client.id), inArray(documents.kind, measureKinds), isNull(documents.deletedAt), isNull(documents.purgedAt)))
		.orderBy(documents.createdAt);
	const read = [];
	for (const row of rows) read.push(await readDocumentMeasures(db, row.id));
	const sex = read.find((measures) => measures.sex)?.sex;
	return improvementsOf(mergeMeasurements(read.map((measures) => measures.measurements)), mergeCustomMeasures(read.map((measures) => measures.customs)), {
		dateOfBirth: client.dateOfBirth,
		...(sex ? { sex } : {})
	});
}

const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

function asOutcomeProvider(provider: Provider): OutcomeProvider {
	return { id: provider.id, name: provider.name, role: provider.role, practiceName: provider.practiceName };
}

/** The provider a report about this client goes to: a chosen one, who referred them, or one their consent names. */
export function providerFor(
	clientId: string,
	providers: Provider[],
	referrals: Array<{ providerId: string; clientId: string | null; date: string }>,
	consent: ConsentState,
	chosenId?: string
): OutcomeProvider | null {
	const byId = new Map(providers.map((provider) => [provider.id, provider]));
	const chosen = chosenId ? byId.get(chosenId) : undefined;
	if (chosen) return asOutcomeProvider(chosen);
	const referral = referrals
		.filter((candidate) => candidate.clientId === clientId && byId.has(candidate.providerId))
		.sort((a, b) => b.date.localeCompare(a.date))[0];
	if (referral) return asOutcomeProvider(byId.get(referral.providerId)!);
	const recipients = consent.status === 'active' ? consent.record?.recipients : undefined;
	if (recipients?.mode === 'named') {
		const named = new Set(recipients.providers.map((provider) => normalise(provider.name)));
		const match = providers.find((provider) => named.has(normalise(provider.name)));
		if (match) return asOutcomeProvider(match);
	}
	return null;
}

/** A progress report the client's consent covers, to this provider: the only thing a suggestion leads to. */
function stepFor(client: Pick<Client, 'userId'>, consent: ConsentState, provider: OutcomeProvider | null): { step: OutcomeStep; reason: string | null } {
	if (!client.userId) return { step: 'invite', reason: 'They have no Bridgework account yet, so they cannot sign a consent.' };
	if (!provider) {
		return consent.status === 'active'
			? { step: 'ask', reason: 'No provider is on record for them: choose one when you ask.' }
			: { step: 'ask', reason: 'They have not signed a consent yet, so nothing of theirs may be shared.' };
	}
	const coverage = consentCovers(consent, { id: '', kind: 'progress_report' }, provider.name);
	return coverage.ok ? { step: 'draft', reason: null } : { step: 'ask', reason: coverage.reason };
}

async function decidedKeys(db: Db, clientIds: string[]): Promise<Map<string, Set<string>>> {
	const decided = new Map<string, Set<string>>();
	if (clientIds.length === 0) return decided;
	for (const row of await db
		.select({ clientId: outcomePrompts.clientId, key: outcomePrompts.improvementKey })
		.from(outcomePrompts)
		.where(inArray(outcomePrompts.clientId, clientIds))) {
		let keys = decided.get(row.clientId);
		if (!keys) decided.set(row.clientId, (keys = new Set()));
		keys.add(row.key);
	}
	return decided;
}

interface Gathered {
	suggestion: OutcomeSuggestion;
	improvements: Improvement[];
}

async function gather(db: Db, trainerId: string, rows: Client[], options: { chosenProviderId?: string } = {}): Promise<Gathered[]> {
	const decided = await decidedKeys(
		db,
		rows.map((row) => row.id)
	);
	const format = await practiceFormat(db, trainerId);
	let practice: Awaited<ReturnType<typeof readStoredPractice>> | null | undefined;
	const gathered: Gathered[] = [];
	for (const client of rows) {
		const consent = await consentState(db, client.id);
		if (consent.status === 'revoked') continue;
		const found = (await clientImprovements(db, client)).filter((improvement) => !decided.get(client.id)?.has(improvement.key));
		if (found.length === 0) continue;
		// The directory is read once, and only when some client has something to say.
		if (practice === undefined) {
			try {
				practice = await readStoredPractice(db, trainerId);
			} catch (error) {
				console.error(`[outcomes] could not read the practice of trainer ${trainerId}; suggestions name no provider:`, error);
				practice = null;
			}
		}
		const provider = providerFor(client.id, practice?.providers ?? [], practice?.referrals ?? [], consent, options.chosenProviderId);
		const { step, reason } = stepFor(client, consent, provider);
		gathered.push({
			improvements: found,
			suggestion: {
				clientId: client.id,
				clientName: client.name,
				improvements: found.map((improvement) => ({
					key: improvement.key,
					text: improvementText(improvement, format),
					sources: improvementSources(improvement)
				})),
				provider,
				step,
				reason
			}
		});
	}
	return gathered;
}

const inUse = and(isNull(clients.archivedAt), isNull(clients.deletedAt), isNull(clients.purgedAt));

/** The home screen's suggestions: every client in use with something worth telling their provider. */
export async function outcomeSuggestions(db: Db, trainerId: string): Promise<OutcomeSuggestion[]> {
	const rows = await db
		.select()
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), inUse))
		.orderBy(clients.name);
	return (await gather(db, trainerId, rows)).map((entry) => entry.suggestion);
}

/** One client's suggestion, for their page, the consent request and the actions; null when there is none. */
export async function outcomeSuggestionFor(db: Db, client: Client, options: { chosenProviderId?: string } = {}): Promise<OutcomeSuggestion | null> {
	if (client.archivedAt || client.deletedAt || client.purgedAt) return null;
	return (await gather(db, client.trainerId, [client], options))[0]?.suggestion ?? null;
}

/** Keys the trainer may act on: those the suggestion shows now, so a form cannot decide others. */
function shownKeys(suggestion: OutcomeSuggestion | null, keys: string[]): string[] {
	const shown = new Set(suggestion?.improvements.map((improvement) => improvement.key));
	return keys.filter((key) => shown.has(key));
}

async function decide(db: Db, client: Client, keys: string[], decision: 'dismissed' | 'drafted', documentId: string | null, now: Date): Promise<void> {
	if (keys.length === 0) return;
	await db
		.insert(outcomePrompts)
		.values(
			keys.map((improvementKey) => ({
				id: randomUUID(),
				trainerId: client.trainerId,
				clientId: client.id,
				improvementKey,
				decision,
				documentId,
				decidedAt: now
			}))
		)
		.onConflictDoNothing({ target: [outcomePrompts.clientId, outcomePrompts.improvementKey] });
}

/** Dismisses what the suggestion shows among `keys`; false when none of them is shown. */
export async function dismissOutcomes(db: Db, client: Client, keys: string[], now = new Date()): Promise<boolean> {
	const shown = shownKeys(await outcomeSuggestionFor(db, client), keys);
	await decide(db, client, shown, 'dismissed', null, now);
	return shown.length > 0;
}

export class OutcomeNotCoveredError extends Error {}

/**
 * Drafts the progress report the suggestion leads to, once the consent in force covers a progress
 * report to that provider: the report names the provider, starts its period at the earliest
 * baseline, lists the improvements with their sources, and carries the client's measurements (as
 * every new report does). Nothing is shared: the trainer reads, edits and shares it as any report.
 * `documentId` is chosen when the form is shown, so sending it twice makes one report.
 */
export async function draftOutcomeReport(db: Db, client: Client, input: { providerId?: string; documentId: string }, now = new Date()): Promise<Document> {
	const { suggestion, improvements } =
		(await gather(db, client.trainerId, client.archivedAt || client.deletedAt ? [] : [client], { chosenProviderId: input.providerId }))[0] ?? {};
	if (!suggestion || !improvements) {
		// Sent twice: the first one drafted it and the suggestion is gone.
		const [existing] = await db
			.select()
			.from(documents)
			.where(and(eq(documents.id, input.documentId), eq(documents.clientId, client.id)))
			.limit(1);
		if (existing) return existing;
		throw new OutcomeNotCoveredError('There is nothing to report for this client any more: the suggestion was dismissed or already drafted.');
	}
	if (suggestion.step !== 'draft' || !suggestion.provider) {
		throw new OutcomeNotCoveredError(suggestion.reason ?? 'The client’s consent does not cover a progress report to this provider yet.');
	}
	const format: FormatContext = await practiceFormat(db, client.trainerId);
	const { document } = await createDocumentOnce(
		db,
		{ clientId: client.id },
		{
			kind: 'progress_report',
			provider: { name: suggestion.provider.name, role: suggestion.provider.role, clinic: suggestion.provider.practiceName },
			outcomes: {
				since: improvements.map((improvement) => improvement.baseline.date).sort()[0] ?? null,
				lines: improvements.map((improvement) => improvementText(improvement, format)),
				sources: [...new Set(improvements.flatMap(improvementSources))]
			}
		},
		{ now, id: input.documentId }
	);
	await decide(
		db,
		client,
		improvements.map((improvement) => improvement.key),
		'drafted',
		document.id,
		now
	);
	return document;
}
