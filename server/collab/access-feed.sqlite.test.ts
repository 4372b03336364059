import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken, invalidateSessionsOfUser } from '../auth/session.ts';
import { appendConsentRecord } from '../consent/records.ts';
import { clients, documents, sessions, users } from '../db/schema.ts';
import { createShareLink, revokeLink } from '../sharing/links.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { SqliteAccessChangeFeed } from './access-feed.ts';

const { db, close } = temporaryDatabase();
afterAll(close);

describe('the access change feed', () => {
	const trainer = buildTrainer(db);
	const client = buildClient(db, trainer);
	const document = buildDocument(db, client);

	it('starts after the changes made before it, and reports each write once', () => {
		const session = createSession(db, generateSessionToken(), trainer.id);
		db.update(sessions).set({ expiresAt: new Date(0) }).where(eq(sessions.id, session.id)).run();
		const feed = new SqliteAccessChangeFeed(db);
		expect(feed.poll()).toEqual([]);
		db.update(clients).set({ notes: 'moved' }).where(eq(clients.id, client.id)).run();
		expect(feed.poll()).toEqual([`client:${client.id}`]);
		expect(feed.poll()).toEqual([]);
	});

	it('hears every table a decision reads, whichever code writes it', () => {
		const feed = new SqliteAccessChangeFeed(db);
		appendConsentRecord(db, {
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
		const { link } = createShareLink(db, document, trainer.id, { providerName: 'Dr Reyes', providerRole: 'physician', providerPractice: '', providerEmail: null, expiresAt: null });
		revokeLink(db, document.id, link.id);
		db.update(documents).set({ kind: 'blank' }).where(eq(documents.id, document.id)).run();
		db.update(users).set({ name: 'Tess T.' }).where(eq(users.id, trainer.id)).run();
		expect(feed.poll()).toEqual([`client:${client.id}`, `link:${link.id}`, `link:${link.id}`, `document:${document.id}`, `user:${trainer.id}`]);
	});

	it('hears rows that foreign keys delete: every session of a user signed out, a trainer removed', () => {
		const other = buildTrainer(db);
		const theirs = buildClient(db, other);
		const first = createSession(db, generateSessionToken(), other.id);
		const second = createSession(db, generateSessionToken(), other.id);
		const feed = new SqliteAccessChangeFeed(db);
		expect(invalidateSessionsOfUser(db, other.id)).toBe(2);
		expect(feed.poll().sort()).toEqual([`session:${first.id}`, `session:${second.id}`].sort());
		db.delete(users).where(eq(users.id, other.id)).run();
		expect(feed.poll()).toEqual(expect.arrayContaining([`user:${other.id}`, `client:${theirs.id}`]));
	});
});
