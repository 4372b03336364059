import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import { storedStateOf } from './stored-state.ts';
import { UpdateLog } from './update-log.ts';

let database: Awaited<ReturnType<typeof temporaryDatabase>>;
let db: Db;
beforeEach(async () => {
	database = await temporaryDatabase();
	db = database.db;
});
afterEach(() => database.close());

async function newDocument(): Promise<DocumentName> {
	const document = await buildDocument(db, await buildClient(db, await buildTrainer(db)), { kind: 'blank', title: 'Log' });
	return { kind: 'document', documentId: document.id };
}

const bytes = (n: number) => new Uint8Array([n]);
const logOf = async (name: DocumentName) => (await storedStateOf(db, name).read()).log.map((update) => update[0]);

describe('UpdateLog', () => {
	it('commits appends that arrive together, in the order they arrived', async () => {
		const log = new UpdateLog(db);
		const a = await newDocument();
		const b = await newDocument();
		await Promise.all([log.append(a, bytes(1)), log.append(b, bytes(2)), log.append(a, bytes(3))]);
		expect(await logOf(a)).toEqual([1, 3]);
		expect(await logOf(b)).toEqual([2]);
	});

	it('does not let one entry that cannot be stored take the others in its batch with it', async () => {
		const log = new UpdateLog(db);
		const kept = await newDocument();
		const gone: DocumentName = { kind: 'document', documentId: 'no-such-document' };
		const results = await Promise.allSettled([log.append(kept, bytes(1)), log.append(gone, bytes(2)), log.append(kept, bytes(3))]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await logOf(kept)).toEqual([1, 3]);
	});
});
