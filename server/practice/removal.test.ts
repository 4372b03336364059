import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { appendConsentRecord } from '../consent/records.ts';
import { createInvitation } from '../consent/invitations.ts';
import { clients, consentRecords, documents, documentStates, shareLinks } from '../db/schema.ts';
import { clientAccess, documentAccess, userActor } from '../policy.ts';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { archive, moveToTrash, purgeTrash, removalSummary, restore, trashOf, TRASH_DAYS } from './removal.ts';
import { createUser } from './users.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

const DAY = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-03-01T09:00:00Z');

async function clientWithConsent() {
	const trainer = await buildTrainer(db);
	const account = await createUser(db, { email: `c-${crypto.randomUUID()}@example.com`, name: 'Cora', passwordHash: 'x', role: 'client', practiceName: null });
	const client = await buildClient(db, trainer, { name: 'Cora Client' });
	await db.update(clients).set({ userId: account.id, email: 'cora@example.com', notes: 'Knee' }).where(eq(clients.id, client.id));
	await appendConsentRecord(db, {
		clientId: client.id,
		signedByUserId: account.id,
		action: 'grant',
		information: { scope: 'kinds', kinds: ['progress_log'] },
		discloser: 'Tess',
		recipients: { mode: 'per-link' },
		purpose: 'care',
		expiresOn: '2099-01-01',
		expiryEvent: null,
		coEditing: true,
		signatureName: 'Cora Client',
		signedAt: new Date(start),
		consentVersion: '1',
		consentText: 'I agree',
		ipAddress: null,
		userAgent: null
	});
	const document = await buildDocument(db, client, { title: 'Log' });
	await db.insert(shareLinks).values({
		id: crypto.randomUUID(),
		documentId: document.id,
		clientId: client.id,
		createdBy: trainer.id,
		tokenHash: crypto.randomUUID(),
		providerName: 'Dr Ana Reyes',
		providerRole: 'physician',
		needsClientApproval: false,
		expiresAt: new Date(start + 60 * DAY)
	});
	await createInvitation(db, client.id, trainer.id, () => start);
	return { trainer: userActor(trainer), trainerId: trainer.id, self: userActor(account), client, document };
}

describe('archive', () => {
	it('leaves the trainer and the client reading, nobody writing, and ends share links and invitations', async () => {
		const { trainer, self, client, document } = await clientWithConsent();
		expect((await documentAccess(db, self, document.id)).access).toBe('write');
		expect(await removalSummary(db, { kind: 'client', id: client.id }, () => start)).toEqual({ documents: 1, liveShareLinks: 1, pendingInvitations: 1 });

		expect(await archive(db, { kind: 'client', id: client.id }, () => start)).toBe(true);
		expect((await clientAccess(db, trainer, client.id)).access).toBe('read');
		expect((await documentAccess(db, trainer, document.id)).access).toBe('read');
		// The client keeps their right of access to what is about them, read only.
		expect((await clientAccess(db, self, client.id)).access).toBe('read');
		expect((await documentAccess(db, self, document.id)).access).toBe('read');
		expect(await removalSummary(db, { kind: 'client', id: client.id }, () => start)).toMatchObject({ liveShareLinks: 0, pendingInvitations: 0 });

		expect(await restore(db, { kind: 'client', id: client.id })).toBe(true);
		expect((await documentAccess(db, trainer, document.id)).access).toBe('write');
		expect((await documentAccess(db, self, document.id)).access).toBe('write');
		// Ended links stay ended: a restored record is not shared again without a new link.
		expect((await removalSummary(db, { kind: 'client', id: client.id }, () => start)).liveShareLinks).toBe(0);
	});

	it('archives one document and keeps its client in use', async () => {
		const { trainer, client, document } = await clientWithConsent();
		await archive(db, { kind: 'document', id: document.id }, () => start);
		expect((await documentAccess(db, trainer, document.id)).access).toBe('read');
		expect((await clientAccess(db, trainer, client.id)).access).toBe('write');
	});
});

describe('trash and purge', () => {
	it('keeps a deleted client restorable for 30 days, then erases its documents and details but never its consent', async () => {
		const { trainer, trainerId, client, document } = await clientWithConsent();
		await moveToTrash(db, { kind: 'client', id: client.id }, () => start);
		expect((await clientAccess(db, trainer, client.id)).access).toBe('none');
		expect((await documentAccess(db, trainer, document.id)).access).toBe('none');
		expect((await trashOf(db, trainerId)).map((entry) => [entry.kind, entry.name])).toEqual([['client', 'Cora Client']]);

		const almost = start + TRASH_DAYS * DAY - 1;
		expect(await purgeTrash(db, () => almost)).toEqual({ clients: 0, documents: 0 });
		expect((await db.select().from(documentStates).where(eq(documentStates.documentId, document.id)).limit(1))[0]).toBeDefined();

		expect(await purgeTrash(db, () => start + TRASH_DAYS * DAY)).toEqual({ clients: 1, documents: 1 });
		expect((await db.select().from(documentStates).where(eq(documentStates.documentId, document.id)).limit(1))[0]).toBeUndefined();
		const [row] = await db.select().from(clients).where(eq(clients.id, client.id)).limit(1);
		expect(row).toMatchObject({ email: null, notes: '', dateOfBirth: null });
		expect(row?.purgedAt).toBeInstanceOf(Date);
		expect(await db.select().from(consentRecords).where(eq(consentRecords.clientId, client.id))).toHaveLength(1);
		expect(await trashOf(db, trainerId)).toEqual([]);
		// A purged record cannot come back.
		expect(await restore(db, { kind: 'client', id: client.id })).toBe(false);
		// Purging again finds nothing more to do.
		expect(await purgeTrash(db, () => start + 40 * DAY)).toEqual({ clients: 0, documents: 0 });
	});

	it('restores a deleted document from the trash before its time is up', async () => {
		const { trainer, trainerId, document } = await clientWithConsent();
		await moveToTrash(db, { kind: 'document', id: document.id }, () => start);
		expect((await trashOf(db, trainerId)).map((entry) => entry.kind)).toEqual(['document']);
		expect(await restore(db, { kind: 'document', id: document.id })).toBe(true);
		expect((await documentAccess(db, trainer, document.id)).access).toBe('write');
		await purgeTrash(db, () => start + 31 * DAY);
		expect((await db.select().from(documents).where(eq(documents.id, document.id)).limit(1))[0]?.purgedAt).toBeNull();
	});
});
