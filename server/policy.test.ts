import { afterAll, describe, expect, it } from 'vitest';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from './testing/factories.ts';
import { appendConsentRecord } from './consent/records.ts';
import { clients } from './db/schema.ts';
import { createDocument, setDocumentPrivate } from './practice/documents.ts';
import { createUser } from './practice/users.ts';
import { eq } from 'drizzle-orm';
import { createSession, generateSessionToken, SESSION_LIFETIME_MS } from './auth/session.ts';
import { anonymous, canAddClients, canSignConsent, clientAccess, collabAccess, documentAccess, practiceAccess, userActor } from './policy.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

const owner = await buildTrainer(db);
const stranger = await buildTrainer(db);
const client = await buildClient(db, owner);
const document = await buildDocument(db, client);

describe('documentAccess', () => {
	it.each([
		['the owning trainer', userActor(owner), 'write'],
		['another trainer', userActor(stranger), 'none'],
		['a signed-out visitor', anonymous, 'none'],
		['a client account that is not linked', userActor({ id: owner.id, role: 'client' }), 'none']
	] as const)('gives %s %s access', async (_who, actor, expected) => {
		expect((await documentAccess(db, actor, document.id)).access).toBe(expected);
	});

	it('returns the document only to those who may open it', async () => {
		expect((await documentAccess(db, userActor(owner), document.id)).document?.id).toBe(document.id);
		expect((await documentAccess(db, userActor(stranger), document.id)).document).toBeUndefined();
	});

	it('answers none for a document that does not exist', async () => {
		expect((await documentAccess(db, userActor(owner), crypto.randomUUID())).access).toBe('none');
	});
});

describe('clientAccess', () => {
	it('lets the owning trainer write and nobody else in', async () => {
		expect((await clientAccess(db, userActor(owner), client.id)).access).toBe('write');
		expect(await clientAccess(db, userActor(stranger), client.id)).toEqual({ access: 'none' });
		expect(await clientAccess(db, anonymous, client.id)).toEqual({ access: 'none' });
	});

	it('lets only trainers add clients', () => {
		expect(canAddClients(userActor(owner))).toBe(true);
		expect(canAddClients(userActor({ id: 'x', role: 'client' }))).toBe(false);
		expect(canAddClients(anonymous)).toBe(false);
	});
});

describe('a client linked to their record', async () => {
	const trainer = await buildTrainer(db);
	const record = await buildClient(db, trainer);
	const document = await buildDocument(db, record);
	const user = await createUser(db, { email: `client-${Date.now()}@example.com`, name: 'Carla', passwordHash: 'x', role: 'client' });
	await db.update(clients).set({ userId: user.id }).where(eq(clients.id, record.id));
	const actor = userActor(user);
	const consent = (action: 'grant' | 'revoke' | 'withdraw-coediting', coEditing: boolean, day: number) =>
		appendConsentRecord(db, {
			clientId: record.id,
			signedByUserId: user.id,
			action,
			information: { scope: 'kinds', kinds: ['progress_log'] },
			discloser: 'Tess',
			recipients: { mode: 'per-link' },
			purpose: 'Care.',
			expiresOn: '2999-01-01',
			coEditing,
			signatureName: 'Carla',
			signedAt: new Date(Date.UTC(2026, 0, day)),
			consentVersion: 'test',
			consentText: 'text'
		});

	it('reads their record, and may sign for it, before any consent', async () => {
		expect((await clientAccess(db, actor, record.id)).access).toBe('read');
		const linked = (await clientAccess(db, actor, record.id)).client!;
		expect(canSignConsent(actor, linked)).toBe(true);
		expect(canSignConsent(userActor(trainer), linked)).toBe(false);
	});

	it('reads the documents about them before consenting: their right of access', async () => {
		expect((await documentAccess(db, actor, document.id)).access).toBe('read');
	});

	it('writes their documents while consent to co-edit is in force', async () => {
		await consent('grant', true, 1);
		expect((await documentAccess(db, actor, document.id)).access).toBe('write');
	});

	it('stops writing on withdrawing from co-editing, and still reads', async () => {
		await consent('withdraw-coediting', false, 2);
		expect((await documentAccess(db, actor, document.id)).access).toBe('read');
		expect((await clientAccess(db, actor, record.id)).access).toBe('read');
	});

	it('still reads on revoking, and never sees another client’s', async () => {
		await consent('grant', true, 3);
		await consent('revoke', false, 4);
		expect((await documentAccess(db, actor, document.id)).access).toBe('read');
		expect((await clientAccess(db, actor, client.id)).access).toBe('none');
		expect((await documentAccess(db, userActor(trainer), document.id)).access).toBe('write');
	});
});

describe('the trainer’s private working notes', async () => {
	const trainer = await buildTrainer(db);
	const record = await buildClient(db, trainer);
	const notes = await createDocument(db, { clientId: record.id }, { kind: 'blank', private: true });
	const user = await createUser(db, { email: `private-${Date.now()}@example.com`, name: 'Pia', passwordHash: 'x', role: 'client' });
	await db.update(clients).set({ userId: user.id }).where(eq(clients.id, record.id));

	it('are the trainer’s to write and hidden from the client they are about', async () => {
		expect(notes.private).toBe(true);
		expect((await documentAccess(db, userActor(trainer), notes.id)).access).toBe('write');
		expect(await documentAccess(db, userActor(user), notes.id)).toEqual({ access: 'none' });
	});

	it('open to the client again once the trainer shows them', async () => {
		await setDocumentPrivate(db, notes.id, false);
		expect((await documentAccess(db, userActor(user), notes.id)).access).toBe('read');
	});
});

describe('a practice document', async () => {
	const letter = await buildDocument(db, { trainerId: owner.id }, { kind: 'phone_script' });
	const linked = await createUser(db, { email: `linked-${Date.now()}@example.com`, name: 'Lin', passwordHash: 'x', role: 'client' });
	await db.update(clients).set({ userId: linked.id }).where(eq(clients.id, client.id));

	it.each([
		['the trainer whose practice it is', userActor(owner), 'write'],
		['another trainer', userActor(stranger), 'none'],
		['a client of the practice', userActor(linked), 'none'],
		['a client account with the trainer’s id', userActor({ id: owner.id, role: 'client' }), 'none'],
		['a signed-out visitor', anonymous, 'none']
	] as const)('gives %s %s access', async (_who, actor, expected) => {
		expect(letter.clientId).toBeNull();
		expect((await documentAccess(db, actor, letter.id)).access).toBe(expected);
	});
});

describe('practiceAccess', () => {
	it.each([
		['the trainer whose practice it is', userActor(owner), 'write'],
		['another trainer', userActor(stranger), 'none'],
		['a signed-out visitor', anonymous, 'none'],
		['a client account with the same id', userActor({ id: owner.id, role: 'client' }), 'none']
	] as const)('gives %s %s access', (_who, actor, expected) => {
		expect(practiceAccess(actor, owner.id)).toBe(expected);
	});
});

describe('collabAccess', async () => {
	const trainer = await buildTrainer(db);
	const record = await buildClient(db, trainer);
	const document = await buildDocument(db, record);
	const user = await createUser(db, { email: `collab-${Date.now()}@example.com`, name: 'Cleo', passwordHash: 'x', role: 'client' });
	await db.update(clients).set({ userId: user.id }).where(eq(clients.id, record.id));
	const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
	const sessionOf = async (userId: string, now: number) => ({
		kind: 'session' as const,
		sessionId: (await createSession(db, generateSessionToken(), userId, () => now)).id
	});
	const target = { kind: 'document' as const, documentId: document.id };

	it('gives the trainer write access until the session ends, resting on session, user, document and client', async () => {
		const now = day('2026-03-01');
		const credentials = await sessionOf(trainer.id, now);
		const decision = await collabAccess(db, credentials, target, () => now);
		expect(decision).toMatchObject({ access: 'write', clientId: record.id, validUntil: now + SESSION_LIFETIME_MS });
		if (decision.access === 'none') throw new Error('refused');
		expect(decision.subjects.sort()).toEqual(
			[`client:${record.id}`, `document:${document.id}`, `session:${credentials.sessionId}`, `user:${trainer.id}`].sort()
		);
		expect(await collabAccess(db, credentials, target, () => now + SESSION_LIFETIME_MS)).toEqual({ access: 'none', refusal: 'unauthenticated' });
	});

	it('ends a client’s co-editing with the last day of their consent; they read on', async () => {
		const now = day('2026-03-01');
		await appendConsentRecord(db, {
			clientId: record.id,
			signedByUserId: user.id,
			action: 'grant',
			information: { scope: 'kinds', kinds: ['progress_log'] },
			discloser: 'Tess',
			recipients: { mode: 'per-link' },
			purpose: 'Care.',
			expiresOn: '2026-03-02',
			coEditing: true,
			signatureName: 'Cleo',
			signedAt: new Date(now),
			consentVersion: 'test',
			consentText: 'text'
		});
		const credentials = await sessionOf(user.id, now);
		const decision = await collabAccess(db, credentials, target, () => now);
		expect(decision).toMatchObject({ access: 'write', validUntil: Date.parse('2026-03-03T00:00:00Z') });
		expect(await collabAccess(db, credentials, target, () => Date.parse('2026-03-03T00:00:00Z'))).toMatchObject({ access: 'read' });
	});

	it('refuses a practice to anyone but its trainer, and a share link that names nothing', async () => {
		const now = day('2026-03-01');
		expect(await collabAccess(db, await sessionOf(user.id, now), { kind: 'practice', trainerId: trainer.id }, () => now)).toEqual({
			access: 'none',
			refusal: 'forbidden'
		});
		expect(await collabAccess(db, { kind: 'share-link', linkId: crypto.randomUUID() }, target, () => now)).toMatchObject({
			access: 'none',
			refusal: 'link-not-valid'
		});
	});
});
