// `node tests/bench/practice-export.ts`: size and time of a whole-practice export of 50 clients and
// 500 documents (ten per client, each a page of notes typed as keystrokes with a few measurements,
// a consent record per client and ten audit lines per document), and of its import into an empty
// database. SQLite by default; DATABASE_URL=postgres://… for PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { addMeasurement } from '../../src/lib/shared/measures/store.ts';
import { DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';
import { closeDatabase, openDatabase } from '../../server/db/client.ts';
import { auditLog, clients, consentRecords, documentStates, documents, users } from '../../server/db/schema.ts';
import { exportPractice } from '../../server/export/practice-export.ts';
import { importPractice } from '../../server/export/practice-import.ts';
import { noteLine } from './documents.ts';

const CLIENTS = 50;
const DOCUMENTS_PER_CLIENT = 10;

function documentState(seed: number): Uint8Array {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
	for (let p = 0; p < 12; p++) {
		const paragraph = new Y.XmlElement('paragraph');
		const text = new Y.XmlText();
		paragraph.insert(0, [text]);
		fragment.insert(fragment.length, [paragraph]);
		// Typed, not pasted: a character per transaction, as an editor stores it.
		for (const char of noteLine(seed + p)) doc.transact(() => text.insert(text.length, char));
	}
	for (let m = 0; m < 4; m++)
		addMeasurement(doc, {
			id: `m${seed}-${m}`,
			date: `2026-0${1 + m}-15`,
			measure: 'chair_stand_30s',
			unit: 'reps',
			values: { value: 9 + m },
			by: 'Tess Trainer',
			recordedAt: Date.UTC(2026, m, 15)
		});
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-export-bench-'));
const targetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-import-bench-'));
const db = await openDatabase(dataDir, { url: process.env.DATABASE_URL || undefined });
try {
	const trainerId = 'bench-trainer';
	await db
		.insert(users)
		.values({ id: trainerId, email: 'tess@bench.example', name: 'Tess Trainer', passwordHash: '!', role: 'trainer', practiceName: 'Steady Strength' });
	let documentCount = 0;
	for (let c = 0; c < CLIENTS; c++) {
		const clientId = `client-${c}`;
		await db.insert(clients).values({ id: clientId, trainerId, name: `Client ${c}`, email: `client${c}@bench.example`, dateOfBirth: '1950-01-01' });
		await db.insert(consentRecords).values({
			id: `consent-${c}`,
			clientId,
			action: 'grant',
			information: { scope: 'kinds', kinds: ['progress_report'] },
			discloser: 'Tess Trainer, Steady Strength',
			recipients: { mode: 'per-link' },
			purpose: 'Coordinating care',
			expiresOn: '2027-12-31',
			coEditing: false,
			signatureName: `Client ${c}`,
			signedAt: new Date(),
			consentVersion: '2',
			consentText: 'I agree that… '.repeat(120)
		});
		for (let d = 0; d < DOCUMENTS_PER_CLIENT; d++) {
			const documentId = `doc-${c}-${d}`;
			await db.insert(documents).values({ id: documentId, trainerId, clientId, kind: 'progress_log', title: `Progress log ${d + 1}` });
			await db.insert(documentStates).values({ documentId, state: Buffer.from(documentState(documentCount)), storedAt: new Date() });
			await db.insert(auditLog).values(
				Array.from({ length: 10 }, (_, i) => ({
					at: new Date(Date.now() - i * 60_000),
					event: 'view' as const,
					clientId,
					documentId,
					ipAddress: '198.51.100.7',
					userAgent: 'Bench'
				}))
			);
			documentCount++;
		}
	}
	const started = performance.now();
	const zip = await exportPractice(db, trainerId);
	const exportMs = performance.now() - started;

	const target = await openDatabase(targetDir, { url: process.env.DATABASE_URL_TARGET || undefined });
	try {
		const importStarted = performance.now();
		await importPractice(target, zip);
		const importMs = performance.now() - importStarted;
		console.log(`${CLIENTS} clients, ${documentCount} documents (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, Node ${process.versions.node}):`);
		console.log(`  export: ${(zip.byteLength / 1024 / 1024).toFixed(2)} MB ZIP in ${(exportMs / 1000).toFixed(2)} s`);
		console.log(`  import into an empty database: ${(importMs / 1000).toFixed(2)} s`);
	} finally {
		await closeDatabase(target);
	}
} finally {
	await closeDatabase(db);
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.rmSync(targetDir, { recursive: true, force: true });
}
