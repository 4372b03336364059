import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken, invalidateSessionsOfUser } from '../auth/session.ts';
import { appendConsentRecord } from '../consent/records.ts';
import { engine } from '../db/client.ts';
import { clients, documents, sessions, users } from '../db/schema.ts';
import { createShareLink, revokeLink } from '../sharing/links.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { DatabaseAccessChangeFeed } from './access-feed.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

describe('the access change feed', async () => {
	const trainer = await buildTrainer(db);
	const client = await buildClient(db, trainer);
	const document = await buildDocument(db, client);

	it('starts after the changes made before it, and reports each write once', async () => {
		const session = await createSession(db, generateSessionToken(), trainer.id);
		await db
			.update(sessions)
			.set({ expiresAt: new Date(0) })
			.where(eq(sessions.id, session.id));
		const feed = new DatabaseAccessChangeFeed(db);
		expect(await feed.poll()).toEqual([]);
		await db.update(clients).set({ notes: 'moved' }).where(eq(clients.id, client.id));
		expect(await feed.poll()).toEqual([`client:${client.id}`]);
		expect(await feed.poll()).toEqual([]);
	});

	it('hears every table a decision reads, whichever code writes it', async () => {
		const feed = new DatabaseAccessChangeFeed(db);
		await appendConsentRecord(db, {
			clientId: client.id,
			signedByUserId: null,
			action: 'grant',
			information: { scope: 'kinds', kinds: ['progress_log'] },
			discloser: 'Tess',
			recipients: { mode: 'per-link' },
			purpose: 'Care.',
			expiresOn: '2999-01-01',
			coEditing: true,
			signatureName: 'Carl',
			signedAt: new Date(),
			consentVersion: 'test',
			consentText: 'text'
		});
		const { link } = await createShareLink(db, document, trainer.id, {
			providerName: 'Dr Reyes',
			providerRole: 'physician',
			providerPractice: '',
			providerEmail: null,
			expiresAt: null
		});
		await revokeLink(db, document.id, link.id);
		await db.update(documents).set({ kind: 'blank' }).where(eq(documents.id, document.id));
		await db.update(users).set({ name: 'Tess T.' }).where(eq(users.id, trainer.id));
		expect(await feed.poll()).toEqual([`client:${client.id}`, `link:${link.id}`, `link:${link.id}`, `document:${document.id}`, `user:${trainer.id}`]);
	});

	it('hears rows that foreign keys delete: every session of a user signed out, a trainer removed', async () => {
		const other = await buildTrainer(db);
		const theirs = await buildClient(db, other);
		const first = await createSession(db, generateSessionToken(), other.id);
		const second = await createSession(db, generateSessionToken(), other.id);
		const feed = new DatabaseAccessChangeFeed(db);
		expect(await invalidateSessionsOfUser(db, other.id)).toBe(2);
		expect((await feed.poll()).sort()).toEqual([`session:${first.id}`, `session:${second.id}`].sort());
		await db.delete(users).where(eq(users.id, other.id));
		expect(await feed.poll()).toEqual(expect.arrayContaining([`user:${other.id}`, `client:${theirs.id}`]));
	});

	it('after ticks that found nothing, hears a write of this connection and a commit of another one (another process or instance)', async () => {
		const feed = new DatabaseAccessChangeFeed(db);
		expect(await feed.poll()).toEqual([]);
		expect(await feed.poll()).toEqual([]);
		await db.update(clients).set({ notes: 'here' }).where(eq(clients.id, client.id));
		expect(await feed.poll()).toEqual([`client:${client.id}`]);
		expect(await feed.poll()).toEqual([]);
		const current = engine(db);
		if (current.kind !== 'sqlite') throw new Error('SQLite only');
		const other = new Database(current.db.$client.name);
		try {
			other.prepare('UPDATE documents SET title = ? WHERE id = ?').run('Renamed elsewhere', document.id);
		} finally {
			other.close();
		}
		expect(await feed.poll()).toEqual([`document:${document.id}`]);
		expect(await feed.poll()).toEqual([]);
	});
});
