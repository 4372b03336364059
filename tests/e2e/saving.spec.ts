// "All changes saved" means stored on the server. When the server cannot store an edit (here:
// another process holds the database's write lock) the person is told so, and the edit waits on
// this device and is sent again until it is stored.
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { readStoredDoc } from '../../server/collab/stored-state.ts';
import { closeDatabase, connectDatabase } from '../../server/db/client.ts';
import { DOCUMENT_FIELD } from '../../src/lib/shared/editor/extensions.ts';
import { editorOf, newDocument, syncStatus, typeAtEnd } from './helpers.ts';

const databaseFile = () => path.join(process.env.E2E_DATA_DIR ?? '', 'bridgework.sqlite');

async function storedText(documentId: string): Promise<string> {
	const db = connectDatabase(process.env.E2E_DATA_DIR ?? '');
	try {
		const doc = await readStoredDoc(db, { kind: 'document', documentId });
		const text = doc.getXmlFragment(DOCUMENT_FIELD).toString();
		doc.destroy();
		return text;
	} finally {
		await closeDatabase(db);
	}
}

test('an edit the server cannot store shows "Not saved", waits on the device, and is saved once it can be', async ({ page }) => {
	const { title, url } = await newDocument(page, 'locked', 'Lena Marsh');
	const documentId = url.split('/').at(-1)!;
	await typeAtEnd(page, editorOf(page, title), 'Stored before the lock.');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	const lock = new Database(databaseFile());
	lock.exec('BEGIN IMMEDIATE');
	try {
		await typeAtEnd(page, editorOf(page, title), 'Typed while the database was locked.', true);
		await expect(syncStatus(page)).toHaveText('Not saved · 1 unsynced change kept on this device, retrying', { timeout: 20_000 });
		expect(await storedText(documentId)).not.toContain('Typed while the database was locked.');
	} finally {
		lock.exec('COMMIT');
		lock.close();
	}

	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 60_000 });
	expect(await storedText(documentId)).toContain('Typed while the database was locked.');
});
