// Restores a practice from its export (practice-export.ts) into a Bridgework that does not hold
// it: every record with its own ids, and every document and the practice directory from their
// Yjs states. Everything is checked before anything is written, and written in one transaction:
// an archive that does not fit leaves the database as it was.
import { inArray, or } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportManifest } from './practice-export.ts';
import { FILE_OF, fromPlain, ImportError, LATER_TABLES, PRACTICE_TABLES, type PracticeTable, type Row } from './tables.ts';

export { ImportError };

export interface ImportSummary {
	trainerId: string;
	practiceName: string | null;
	counts: Partial<Record<PracticeTable, number>>;
}

function validState(bytes: Uint8Array | undefined, where: string): Buffer {
	if (!bytes) throw new ImportError(`${where} is missing from the archive.`);
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, bytes);
	} catch {
		throw new ImportError(`${where} is damaged: it is not a Yjs state.`);
	} finally {
		doc.destroy();
	}
	return Buffer.from(bytes);
}

const INSERT_CHUNK = 50;

export async function importPractice(db: Db, archive: Uint8Array, now = new Date()): Promise<ImportSummary> {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(archive);
	} catch {
		throw new ImportError('This file is not a ZIP archive (is it a Bridgework practice export?).');
	}
	const json = (name: string): unknown => {
		const bytes = files[name];
		if (!bytes) throw new ImportError(`${name} is missing from the archive.`);
		try {
			return JSON.parse(strFromU8(bytes));
		} catch {
			throw new ImportError(`${name} is not valid JSON.`);
		}
	};
	const manifest = json('manifest.json') as Partial<ExportManifest>;
	if (manifest.format !== EXPORT_FORMAT) throw new ImportError('This archive is not a Bridgework practice export (manifest.json names another format).');
	if (manifest.version !== EXPORT_VERSION)
		throw new ImportError(`This archive is version ${manifest.version} of the export; this Bridgework reads version ${EXPORT_VERSION}.`);
	const trainerId = manifest.trainerId;
	if (typeof trainerId !== 'string') throw new ImportError('manifest.json names no trainer.');

	const rows = {} as Record<PracticeTable, Row[]>;
	for (const table of Object.keys(PRACTICE_TABLES) as PracticeTable[]) {
		const name = `records/${FILE_OF[table]}.json`;
		const list = LATER_TABLES.has(table) && !files[name] ? [] : json(name);
		if (!Array.isArray(list)) throw new ImportError(`${name} is not a list.`);
		rows[table] = list.map((item, index) => {
			if (!item || typeof item !== 'object') throw new ImportError(`${name}, entry ${index + 1}, is not a record.`);
			const row = fromPlain(PRACTICE_TABLES[table], item as Row, `${name}, entry ${index + 1},`);
			// The audit trail keeps its order and contents; its numbering is the new database's.
			if (table === 'auditLog') delete row.id;
			return row;
		});
	}
	if (!rows.users.some((user) => user.id === trainerId && user.role === 'trainer'))
		throw new ImportError("records/accounts.json does not hold the practice's trainer.");
	const states = rows.documents.map((document) => ({
		documentId: document.id as string,
		state: validState(files[`documents/${document.id}.yjs`], `documents/${document.id}.yjs`),
		storedAt: now
	}));
	const practiceState = files['practice/practice.yjs'] ? validState(files['practice/practice.yjs'], 'practice/practice.yjs') : undefined;

	// Restoring over a practice that is already here would mix two versions of it: refused.
	const ids = rows.users.map((user) => user.id as string);
	const emails = rows.users.map((user) => user.email as string);
	const present = await db
		.select({ id: schema.users.id, email: schema.users.email })
		.from(schema.users)
		.where(or(inArray(schema.users.id, ids), inArray(schema.users.email, emails)));
	if (present.length > 0) {
		const trainerHere = present.some((user) => user.id === trainerId || user.email === rows.users.find((u) => u.id === trainerId)?.email);
		throw new ImportError(
			trainerHere
				? "This Bridgework already has this practice's trainer (the same account or email address): import into an empty Bridgework."
				: `${present.length} of the archive's client accounts already exist here (the same email address): import into an empty Bridgework.`
		);
	}

	await db.transaction(async (tx) => {
		for (const table of Object.keys(PRACTICE_TABLES) as PracticeTable[]) {
			const target = schema[table] as unknown as typeof schema.clients;
			const list = rows[table];
			for (let i = 0; i < list.length; i += INSERT_CHUNK)
				await tx.insert(target).values(list.slice(i, i + INSERT_CHUNK) as (typeof schema.clients.$inferInsert)[]);
			if (table === 'documents') {
				for (let i = 0; i < states.length; i += INSERT_CHUNK) await tx.insert(schema.documentStates).values(states.slice(i, i + INSERT_CHUNK));
			}
		}
		if (practiceState) await tx.insert(schema.practiceStates).values({ trainerId, state: practiceState, storedAt: now });
	});
	return {
		trainerId,
		practiceName: manifest.practiceName ?? null,
		counts: Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]))
	};
}
