import type { JSONContent } from '@tiptap/core';
import { eq } from 'drizzle-orm';
import { formatValue, summarise } from '../../src/lib/shared/measures/analysis.ts';
import { MeasureCatalogue } from '../../src/lib/shared/measures/definitions.ts';
import { changeText } from '../../src/lib/shared/measures/summary-table.ts';
import { documentKindInfo } from '../../src/lib/shared/practice/document-kinds.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db } from '../db/client.ts';
import { clients, users, type Client, type Document } from '../db/schema.ts';
import { readStoredPractice } from '../referrals/stored-practice.server.ts';
import { documentJSON } from '../sharing/render.ts';
import { heading, paragraph, table, type PMNode } from '../templates/nodes.ts';
import { measuresOf } from './document-measures.ts';
import { createDocument } from './documents.ts';
import { practiceFormat } from './format-context.ts';
import {
	blockTexts,
	nameReplacements,
	PLACE_PLACEHOLDER,
	relativeDate,
	remainingIdentifiers,
	scrubDocument,
	scrubText,
	type ClientIdentity,
	type Finding,
	type ScrubContext
} from './deidentify.ts';

/**
 * "Sample documentation": a client's report made into a practice document that shows the work and
 * names nobody (deidentify.ts says how). The text is scrubbed, the outcome measures become a table
 * counted in weeks from the baseline, and the result is read again: while anything of the client's
 * is found, nothing is stored and the trainer is told what remains.
 */

export class SampleRefusedError extends Error {
	readonly findings: Finding[];
	constructor(findings: Finding[]) {
		super(`The sample was not made: it still holds ${describeFindings(findings)}.`);
		this.findings = findings;
	}
}

const kindWords: Record<Finding['kind'], [string, string]> = {
	name: ['the client’s name', 'the client’s name'],
	email: ['an email address', 'email addresses'],
	'date of birth': ['the client’s date of birth', 'the client’s date of birth'],
	'exact date': ['an exact date', 'exact dates'],
	'phone number': ['a phone number', 'phone numbers']
};

export function describeFindings(findings: Finding[]): string {
	return findings.map(({ kind, count }) => `${kindWords[kind][count === 1 ? 0 : 1]} (${count} ${count === 1 ? 'place' : 'places'})`).join(', ');
}

const isoDay = (date: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** What the practice's records say about people and places, to be removed wherever it is written. */
async function scrubContext(db: Db, document: Document, client: Client, anchor: string | null, monthFirst: boolean): Promise<ScrubContext> {
	const [account] = client.userId ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, client.userId)).limit(1) : [];
	const [trainer] = await db.select({ name: users.name }).from(users).where(eq(users.id, document.trainerId)).limit(1);
	// Every client of the practice, archived and in the trash too: a sample must not name anyone.
	const others = (await db.select({ id: clients.id, name: clients.name }).from(clients).where(eq(clients.trainerId, document.trainerId))).filter(
		(other) => other.id !== client.id
	);
	const practice = await readStoredPractice(db, document.trainerId);
	const providers = [...practice.providers, ...practice.archivedProviders, ...practice.trashedProviders];
	const places = providers.flatMap((provider) => [provider.practiceName, provider.address]).filter((text) => text.trim().length >= 3);
	const identity: ClientIdentity = {
		names: [client.name, ...(account ? [account.name] : [])],
		emails: [client.email, account?.email].filter((email): email is string => !!email),
		dateOfBirth: client.dateOfBirth
	};
	return {
		client: identity,
		others: [
			...nameReplacements([
				...others.map((other) => other.name),
				...providers.flatMap((provider) => [provider.name, provider.officeManagerName]),
				...practice.referrals.map((referral) => referral.personName),
				...(trainer ? [trainer.name] : [])
			]),
			...places.map((place) => ({ text: place, with: PLACE_PLACEHOLDER }))
		],
		anchor,
		monthFirst
	};
}

/** The report's measures as a table in weeks from the first: values and change, no dates. */
function measuresTable(doc: ReturnType<typeof measuresOf>, context: ScrubContext): PMNode[] {
	const summaries = summarise(new MeasureCatalogue(doc.customs), doc.measurements, { sex: doc.sex });
	const rows = summaries.flatMap((summary) =>
		summary.series.map((row) => {
			const label = row.series.label === summary.measure.label ? summary.measure.label : `${summary.measure.label}, ${row.series.label}`;
			return [
				scrubText(label, context),
				`${formatValue(row.baseline.value, row.series.unit)} ${relativeDate(row.baseline.date, context.anchor)}`,
				`${formatValue(row.latest.value, row.series.unit)} ${relativeDate(row.latest.date, context.anchor)}`,
				changeText(row)
			];
		})
	);
	if (rows.length === 0) return [];
	return [heading(2, 'Outcome measures'), table(['Measure', 'Baseline', 'Latest', 'Change'], ...rows)];
}

function asNode(json: JSONContent): PMNode {
	return { ...json, type: json.type ?? 'paragraph', content: json.content?.map(asNode) } as PMNode;
}

export interface SampleResult {
	document: Document;
}

/**
 * Makes the sample, or throws SampleRefusedError having stored nothing. The caller has asked the
 * policy (canMakeSample): the trainer of the client, on a report in use.
 */
export async function makeSampleDocument(db: Db, document: Document, client: Client): Promise<Document> {
	const doc = await loadStoredDocument(db, document.id);
	let text: JSONContent;
	let measures: ReturnType<typeof measuresOf>;
	try {
		text = documentJSON(doc);
		measures = measuresOf(doc);
	} finally {
		doc.destroy();
	}
	const format = await practiceFormat(db, document.trainerId);
	const anchor = measures.measurements[0]?.date ?? isoDay(document.createdAt, format.timeZone);
	const context = await scrubContext(db, document, client, anchor, format.locale === 'en-US');
	const kind = documentKindInfo[document.kind].label;
	const title = `Sample ${kind.toLowerCase()}, de-identified`;
	const content: PMNode = {
		type: 'doc',
		content: [
			paragraph(
				`A de-identified sample: names, dates of birth, exact dates, places and contact details were removed or generalised. Dates are weeks from the first measure.`
			),
			...(scrubDocument(text, context).content ?? []).map(asNode),
			...measuresTable(measures, context)
		]
	};
	const findings = remainingIdentifiers([title, ...blockTexts(content as JSONContent)], context.client, context);
	if (findings.length > 0) throw new SampleRefusedError(findings);
	return createDocument(db, { trainerId: document.trainerId }, { kind: 'blank', title }, { content });
}
