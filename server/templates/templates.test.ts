import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import { documentKinds, documentStates, documents, type DocumentKind } from '../db/schema.ts';
import { documentSchema, DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';
import { findHints } from '../../src/lib/shared/language/hints-extension.ts';
import { HintMatcher } from '../../src/lib/shared/language/matcher.ts';
import { builtinRules } from '../../src/lib/shared/language/rules.ts';
import { addMeasurement, readMeasurements, readReferenceSex, setReferenceSex } from '../../src/lib/shared/measures/store.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import { isPracticeOnlyKind } from '../../src/lib/shared/practice/document-kinds.ts';
import { splitIntoSlides, textOf } from '../../src/lib/shared/slides/split.ts';
import { createDocument } from '../practice/documents.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

const NOW = new Date(2026, 2, 14, 10, 30);
const trainer = await buildTrainer(db, { name: 'Tess Trainer', practiceName: 'Steady Strength' });
const client = await buildClient(db, trainer, { name: 'Carl Client', dateOfBirth: '1952-06-01' });
const provider = { name: 'Dr Anna Patel', clinic: 'Riverside Family Medicine' };

async function contentOf(documentId: string): Promise<PMNode> {
	const doc = await loadStoredDocument(db, documentId);
	return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), documentSchema());
}

function headings(node: PMNode): string[] {
	const found: string[] = [];
	node.descendants((child) => {
		if (child.type.name === 'heading') found.push(child.textContent);
		return true;
	});
	return found;
}

/** The sections each kind must have, written from the issue rather than read from the templates. */
const expectedSections: Record<DocumentKind, string[]> = {
	blank: [],
	progress_log: ['Goals in the client’s words', 'Precautions from the provider', 'Sessions', 'Contact with providers'],
	initial_assessment: [
		'Reason for referral and goals',
		'Health history relevant to exercise',
		'Baseline measures',
		'Observations',
		'Plan',
		'Scope of practice'
	],
	progress_report: [
		'Summary',
		'Status',
		'Function',
		'Strength',
		'Flexibility and range of motion',
		'Stability',
		'Endurance',
		'Balance and coordination',
		'Change from baseline',
		'Recommendations',
		'Scope of practice'
	],
	discharge_summary: [
		'Goals and status at discharge',
		'Sessions attended',
		'Outcome measures',
		'Home programme',
		'Reason for ending the programme',
		'Coordination of care',
		'Scope of practice'
	],
	intro_letter_physician: [],
	intro_letter_physical_therapist: [],
	intro_letter_chiropractor: [],
	follow_up_letter: [],
	referral_form: ['Client', 'Referring provider', 'Reason for referral', 'Precautions', 'Reports', 'Signature'],
	service_overview: ['Who we help', 'How referral works', 'What we measure', 'Our role', 'Contact'],
	phone_script: ['Before the call', 'Opening, with the front desk', 'Common questions', 'Closing', 'After the call'],
	lunch_and_learn: ['Welcome (2 minutes)', 'How we measure progress (5 minutes)', 'How to refer (3 minutes)']
};

const providerFacing: DocumentKind[] = [
	'initial_assessment',
	'progress_report',
	'discharge_summary',
	'intro_letter_physician',
	'intro_letter_physical_therapist',
	'intro_letter_chiropractor',
	'follow_up_letter',
	'service_overview'
];

/** Letters and outreach are the practice's own documents; the rest are about a client. */
const ownerOf = (kind: DocumentKind) => (isPracticeOnlyKind(kind) ? { trainerId: trainer.id } : { clientId: client.id });

describe.each(documentKinds.filter((kind) => kind !== 'blank'))('a new %s', async (kind) => {
	const document = await createDocument(db, ownerOf(kind), { kind, provider }, { now: NOW });
	const content = await contentOf(document.id);
	const text = content.textBetween(0, content.content.size, '\n', '\n');

	it('is seeded on the server with its sections', () => {
		expect(headings(content)).toEqual(expect.arrayContaining(expectedSections[kind]));
		expect(text.length).toBeGreaterThan(200);
	});

	it('fills in the placeholders it uses and leaves no template syntax behind', () => {
		expect(text).not.toMatch(/\{|\}|undefined|null/);
		// A client's record names them; the practice's documents name no client at all.
		if (isPracticeOnlyKind(kind)) expect(text).not.toContain('Carl Client');
		else expect(text).toContain('Carl Client');
		expect(text).toMatch(/Tess Trainer|Steady Strength/);
	});

	it('passes its own language check', () => {
		const hints = findHints(content, new HintMatcher(builtinRules));
		expect(hints.map((hint) => `${hint.text} (${hint.rule.id})`)).toEqual([]);
	});

	it('gets a title from its kind and the date when none is given', () => {
		expect(document.title).toMatch(/, 14 Mar 2026$/);
	});

	if (providerFacing.includes(kind)) {
		it('says the trainer does not diagnose or treat', () => {
			expect(text).toContain('does not diagnose or treat');
		});
	}
});

describe('a blank document', () => {
	it('starts with no text at all', async () => {
		const blank = await createDocument(db, { clientId: client.id }, { kind: 'blank' }, { now: NOW });
		expect((await loadStoredDocument(db, blank.id)).getXmlFragment(DOCUMENT_FIELD).length).toBe(0);
	});
});

describe('placeholders', () => {
	it('address a letter to the provider and date it', async () => {
		const letter = await createDocument(db, { clientId: client.id }, { kind: 'intro_letter_physician', provider }, { now: NOW });
		const text = (await contentOf(letter.id)).textContent;
		expect(text).toContain('Dear Dr Anna Patel,');
		expect(text).toContain('Riverside Family Medicine');
		expect(text).toContain('14 March 2026');
	});

	it('leave a visible stand-in when the provider is not known', async () => {
		const letter = await createDocument(db, { clientId: client.id }, { kind: 'follow_up_letter' }, { now: NOW });
		expect((await contentOf(letter.id)).textContent).toContain('Dear [provider’s name],');
	});

	it('leave the client’s lines of the practice’s referral form for the provider to fill in', async () => {
		const form = await createDocument(db, { trainerId: trainer.id }, { kind: 'referral_form' }, { now: NOW });
		expect((await contentOf(form.id)).textContent).toMatch(/Name: _+/);
		expect((await contentOf(form.id)).textContent).toMatch(/Date of birth: _+/);
	});

	it('ask for the referred client in a practice thank-you letter, as a prompt to fill in', async () => {
		const letter = await createDocument(db, { trainerId: trainer.id }, { kind: 'follow_up_letter', provider }, { now: NOW });
		expect((await contentOf(letter.id)).textContent).toContain('Thank you for referring your client, by initials or first name to Steady Strength');
	});

	it('use the trainer’s name where no practice name was given', async () => {
		const solo = await buildTrainer(db, { name: 'Sam Solo' });
		const overview = await createDocument(db, { trainerId: solo.id }, { kind: 'service_overview' }, { now: NOW });
		expect(overview.clientId).toBeNull();
		expect(headings(await contentOf(overview.id))[0]).toBe('Sam Solo: medical exercise for your patients');
	});

	it('write the three introductory letters differently', async () => {
		const texts: string[] = [];
		for (const kind of ['intro_letter_physician', 'intro_letter_physical_therapist', 'intro_letter_chiropractor'] as const) {
			texts.push((await contentOf((await createDocument(db, { trainerId: trainer.id }, { kind, provider }, { now: NOW })).id)).textContent);
		}
		expect(new Set(texts).size).toBe(3);
		expect(texts[1]).toContain('physical therapy');
		expect(texts[2]).toContain('chiropractic');
	});
});

describe('the Lunch & Learn outline', () => {
	it('adds up to a 20–30 minute talk', async () => {
		const talk = await createDocument(db, { trainerId: trainer.id }, { kind: 'lunch_and_learn' }, { now: NOW });
		const minutes = headings(await contentOf(talk.id)).map((heading) => {
			const match = /\((\d+)(?: to (\d+))? minutes?\)/.exec(heading);
			return match ? Number(match[2] ?? match[1]) : 0;
		});
		const total = minutes.reduce((sum, value) => sum + value, 0);
		expect(total).toBeGreaterThanOrEqual(20);
		expect(total).toBeLessThanOrEqual(30);
	});

	it('gives every slide speaker notes, kept off the slide the audience sees', async () => {
		const talk = await createDocument(db, { trainerId: trainer.id }, { kind: 'lunch_and_learn' }, { now: NOW });
		const slides = splitIntoSlides((await contentOf(talk.id)).toJSON());
		expect(slides).toHaveLength(8);
		for (const slide of slides) {
			expect(slide.notes.length, slide.title).toBeGreaterThan(0);
			expect(slide.content.map(textOf).join(' '), slide.title).not.toMatch(/Notes:/);
		}
	});
});

describe('seeding', () => {
	it('stores the document and its first state together', async () => {
		const document = await buildDocument(db, client, { kind: 'progress_report' });
		const [state] = await db.select().from(documentStates).where(eq(documentStates.documentId, document.id)).limit(1);
		expect(state?.state.byteLength).toBeGreaterThan(100);
	});

	it('writes nothing when the client does not exist', async () => {
		const before = (await db.select().from(documents)).length;
		await expect(createDocument(db, { clientId: 'no-such-client' }, { kind: 'progress_report' })).rejects.toThrow(/No client/);
		expect((await db.select().from(documents)).length).toBe(before);
	});

	it('starts a report with the measurements of the client’s earlier documents, once each', async () => {
		const owner = await buildTrainer(db);
		const someone = await buildClient(db, owner, { dateOfBirth: '1950-01-01' });
		const log = await buildDocument(db, someone, { kind: 'progress_log' });
		const logDoc = new Y.Doc();
		addMeasurement(logDoc, { id: 'm1', date: '2026-01-05', measure: 'timed_up_and_go', unit: 's', values: { value: 14.2 } });
		addMeasurement(logDoc, { id: 'm2', date: '2026-02-05', measure: 'timed_up_and_go', unit: 's', values: { value: 12.1 } });
		setReferenceSex(logDoc, 'female');
		await db
			.update(documentStates)
			.set({ state: Buffer.from(Y.encodeStateAsUpdate(logDoc)) })
			.where(eq(documentStates.documentId, log.id));

		const first = await buildDocument(db, someone, { kind: 'progress_report' });
		const second = await buildDocument(db, someone, { kind: 'discharge_summary' });
		const letter = await buildDocument(db, someone, { kind: 'blank' });

		expect(readMeasurements(await loadStoredDocument(db, first.id)).map((m) => m.id)).toEqual(['m1', 'm2']);
		// The discharge summary reads the log and the first report, which hold the same entries.
		expect(readMeasurements(await loadStoredDocument(db, second.id)).map((m) => m.id)).toEqual(['m1', 'm2']);
		expect(readReferenceSex(await loadStoredDocument(db, second.id))).toBe('female');
		expect(readMeasurements(await loadStoredDocument(db, letter.id))).toEqual([]);
	});
});
