import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSION, consentText } from '../../src/lib/shared/consent/text.ts';
import { buildClient, buildTrainer, temporaryDatabase } from '../testing/factories.ts';
import { createUser } from '../practice/users.ts';
import {
	acceptInvitation,
	createInvitation,
	findPendingInvitation,
	INVITATION_LIFETIME_MS,
	InvitationUnavailableError,
	invitationStatus,
	listInvitations,
	revokeInvitation
} from './invitations.ts';
import { appendConsentRecord, consentHistory, consentState, type NewConsentRecord } from './records.ts';
import { hashLinkToken } from './tokens.ts';
import { consentRecords, invitations } from '../db/schema.ts';

const { db, close } = await temporaryDatabase();
afterAll(close);

let sequence = 0;
const clientUser = () => createUser(db, { email: `client-${sequence++}-${Date.now()}@example.com`, name: 'Carla Client', passwordHash: 'x', role: 'client' });

describe('invitations', () => {
	it('store only the hash of a token of at least 128 bits', async () => {
		const trainer = await buildTrainer(db);
		const client = await buildClient(db, trainer);
		const { token } = await createInvitation(db, client.id, trainer.id);
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		const stored = await db.select().from(invitations);
		expect(stored.map((i) => i.tokenHash)).toContain(hashLinkToken(token));
		expect(JSON.stringify(stored)).not.toContain(token);
	});

	it('link the account once, then are spent', async () => {
		const trainer = await buildTrainer(db);
		const client = await buildClient(db, trainer);
		const { token } = await createInvitation(db, client.id, trainer.id);
		const user = await clientUser();
		expect(await acceptInvitation(db, token, user.id)).toBe(client.id);
		await expect(acceptInvitation(db, token, (await clientUser()).id)).rejects.toThrow(InvitationUnavailableError);
		expect((await listInvitations(db, client.id)).map((i) => invitationStatus(i, Date.now()))).toEqual(['used']);
	});

	it('expire after 7 days', async () => {
		const trainer = await buildTrainer(db);
		const client = await buildClient(db, trainer);
		const start = Date.UTC(2026, 10, 1);
		const { token } = await createInvitation(db, client.id, trainer.id, () => start);
		expect(await findPendingInvitation(db, token, () => start + INVITATION_LIFETIME_MS - 1)).toBeDefined();
		expect(await findPendingInvitation(db, token, () => start + INVITATION_LIFETIME_MS)).toBeUndefined();
		await expect(acceptInvitation(db, token, (await clientUser()).id, () => start + INVITATION_LIFETIME_MS)).rejects.toThrow(InvitationUnavailableError);
	});

	it('can be revoked while pending, and a revoked one links nobody', async () => {
		const trainer = await buildTrainer(db);
		const client = await buildClient(db, trainer);
		const { token, invitation } = await createInvitation(db, client.id, trainer.id);
		expect(await revokeInvitation(db, client.id, invitation.id)).toBe(true);
		expect(await revokeInvitation(db, client.id, invitation.id)).toBe(false);
		await expect(acceptInvitation(db, token, (await clientUser()).id)).rejects.toThrow(InvitationUnavailableError);
	});

	it('refuse unknown and malformed tokens without a look-up', async () => {
		expect(await findPendingInvitation(db, 'x')).toBeUndefined();
		expect(await findPendingInvitation(db, "' or 1=1 --")).toBeUndefined();
		expect(await findPendingInvitation(db, 'A'.repeat(27))).toBeUndefined();
	});
});

/** The database's trigger refused the statement: its message is on the driver's error, which drizzle may wrap. */
function refusedAsAppendOnly(error: unknown): boolean {
	for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
		if (/append-only/.test(cause.message)) return true;
	}
	return false;
}

function grant(clientId: string, overrides: Partial<NewConsentRecord> = {}): NewConsentRecord {
	return {
		clientId,
		signedByUserId: null,
		action: 'grant',
		information: { scope: 'kinds', kinds: ['progress_log'] },
		discloser: 'Tess Trainer',
		recipients: { mode: 'per-link' },
		purpose: 'Coordinating my care.',
		expiresOn: '2027-11-22',
		expiryEvent: null,
		coEditing: true,
		signatureName: 'Carla Client',
		signedAt: new Date(Date.UTC(2026, 10, 22)),
		consentVersion: CONSENT_VERSION,
		consentText: 'text',
		...overrides
	};
}

describe('consent records', () => {
	const at = (day: number) => () => Date.UTC(2026, 10, day);

	it('are in force from signing until the end date, inclusive', async () => {
		const client = await buildClient(db, await buildTrainer(db));
		expect((await consentState(db, client.id)).status).toBe('none');
		await appendConsentRecord(db, grant(client.id, { expiresOn: '2026-11-30' }));
		expect(await consentState(db, client.id, at(30))).toMatchObject({ status: 'active', coEditing: true, sharing: true });
		expect(await consentState(db, client.id, at(31))).toMatchObject({ status: 'expired', coEditing: false, sharing: false });
	});

	it('follow the latest record, and keep every earlier one', async () => {
		const client = await buildClient(db, await buildTrainer(db));
		await appendConsentRecord(db, grant(client.id));
		await appendConsentRecord(db, grant(client.id, { action: 'withdraw-coediting', coEditing: false, signedAt: new Date(Date.UTC(2026, 10, 23)) }));
		expect(await consentState(db, client.id, at(24))).toMatchObject({ status: 'active', coEditing: false, sharing: true });
		await appendConsentRecord(db, grant(client.id, { action: 'revoke', coEditing: false, signedAt: new Date(Date.UTC(2026, 10, 24)) }));
		expect(await consentState(db, client.id, at(25))).toMatchObject({ status: 'revoked', coEditing: false, sharing: false });
		expect((await consentHistory(db, client.id)).map((r) => r.action)).toEqual(['grant', 'withdraw-coediting', 'revoke']);
	});

	it('cannot be changed or deleted, even by SQL', async () => {
		const client = await buildClient(db, await buildTrainer(db));
		const record = await appendConsentRecord(db, grant(client.id));
		await expect(db.update(consentRecords).set({ purpose: 'anything' }).where(eq(consentRecords.id, record.id))).rejects.toSatisfy(refusedAsAppendOnly);
		await expect(db.delete(consentRecords).where(eq(consentRecords.id, record.id))).rejects.toSatisfy(refusedAsAppendOnly);
		expect((await consentHistory(db, client.id))[0]?.purpose).toBe('Coordinating my care.');
	});
});

describe('consent text', () => {
	const terms = {
		clientName: 'Carla Client',
		trainerName: 'Tess Trainer',
		practiceName: 'Steady Strength',
		information: { scope: 'kinds' as const, items: ['Progress log'] },
		recipients: { mode: 'per-link' as const },
		purpose: 'Coordinating my care.',
		expiresOn: '2027-11-22',
		expiryEvent: 'when my programme ends',
		coEditing: true
	};

	it('holds what a valid authorisation holds', () => {
		const text = consentText(terms);
		for (const part of [
			'Carla Client',
			'Tess Trainer of Steady Strength',
			'Progress log',
			'approve one at a time',
			'Coordinating my care.',
			'on 2027-11-22, or when this happens',
			'when my programme ends',
			'revoke this consent at any time',
			'Revoke consent',
			'does not depend on whether I sign',
			`Version ${CONSENT_VERSION}`
		]) {
			expect(text).toContain(part);
		}
	});

	it('is the same text for the same terms, wherever it is built', () => {
		expect(consentText(terms)).toBe(consentText(structuredClone(terms)));
	});
});
