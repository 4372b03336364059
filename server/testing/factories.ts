import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../db/client.ts';
import { testDatabaseUrl } from './test-databases.ts';
import type { Client, Document, User } from '../db/schema.ts';
import { createClient } from '../practice/clients.ts';
import { createDocument, type ProviderDetails } from '../practice/documents.ts';
import { createUser } from '../practice/users.ts';

/**
 * A fresh database for one test file: a SQLite file in its own temporary folder, or, in the
 * PostgreSQL test projects, a new database on the test run's server.
 */
export async function temporaryDatabase(): Promise<{ db: Db; dataDir: string; close: () => Promise<void> }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-unit-'));
	const db = await openDatabase(dataDir, { url: await testDatabaseUrl(), poolSize: 4 });
	return {
		db,
		dataDir,
		close: async () => {
			await closeDatabase(db);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export function buildTrainer(db: Db, overrides: Partial<Pick<User, 'email' | 'name' | 'practiceName'>> = {}): Promise<User> {
	return createUser(db, {
		email: overrides.email ?? `trainer-${unique()}@example.com`,
		name: overrides.name ?? 'Tess Trainer',
		practiceName: overrides.practiceName ?? null,
		passwordHash: 'not-a-real-hash',
		role: 'trainer'
	});
}

export function buildClient(db: Db, trainer: Pick<User, 'id'>, overrides: Partial<Pick<Client, 'name' | 'dateOfBirth'>> = {}): Promise<Client> {
	return createClient(db, trainer.id, { name: overrides.name ?? 'Carl Client', dateOfBirth: overrides.dateOfBirth ?? null });
}

/** A document about a client, or, given `{ trainerId }`, one of the practice's own. */
export function buildDocument(
	db: Db,
	owner: Pick<Client, 'id'> | { trainerId: string },
	overrides: Partial<Pick<Document, 'title' | 'kind'>> & { provider?: ProviderDetails; now?: Date } = {}
): Promise<Document> {
	return createDocument(
		db,
		'id' in owner ? { clientId: owner.id } : { trainerId: owner.trainerId },
		{ title: overrides.title ?? 'Progress log', kind: overrides.kind ?? 'progress_log', provider: overrides.provider },
		{ now: overrides.now }
	);
}
