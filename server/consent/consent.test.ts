import { afterAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSION, consentText } from '../../src/lib/consent/text.ts';
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
import { invitations } from '../db/schema.ts';

const { db, close } = temporaryDatabase();
afterAll(close);

let sequence = 0;
const clientUser = () =>
	createUser(db, { email: `client-${sequence++}-${Date.now()}@example.com`, name: 'Carla Client', passwordHash: 'x', role: 'client' });

describe('invitations', () => {
	it('store only the hash of a token of at least 128 bits', () => {
		const trainer = buildTrainer(db);
		const client = buildClient(db, trainer);
		const { token } = createInvitation(db, client.id, trainer.id);
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		const stored = db.select().from(invitations).all();
		expect(stored.map((i) => i.tokenHash)).toContain(hashLinkToken(token));
		expect(JSON.stringify(stored)).not.toContain(token);
	});

	it('link the account once, then are spent', () => {
		const trainer = buildTrainer(db);
		const client = buildClient(db, trainer);
		const { token } = createInvitation(db, client.id, trainer.id);
		const user = clientUser();
		expect(acceptInvitation(db, token, user.id)).toBe(client.id);
		expect(() => acceptInvitation(db, token, clientUser().id)).toThrow(InvitationUnavailableError);
		expect(listInvitations(db, client.id).map((i) => invitationStatus(i, Date.now()))).toEqual(['used']);
	});

	it('expire after 7 days', () => {
		const trainer = buildTrainer(db);
		const client = buildClient(db, trainer);
		const start = Date.UTC(2026, 10, 1);
		const { token } = createInvitation(db, client.id, trainer.id, () => start);
		expect(findPendingInvitation(db, token, () => start + INVITATION_LIFETIME_MS - 1)).toBeDefined();
		expect(findPendingInvitation(db, token, () => start + INVITATION_LIFETIME_MS)).toBeUndefined();
		expect(() => acceptInvitation(db, token, clientUser().id, () => start + INVITATION_LIFETIME_MS)).toThrow(InvitationUnavailableError);
	});

	it('can be revoked while pending, and a revoked one links nobody', () => {
		const trainer = buildTrainer(db);
		const client = buildClient(db, trainer);
		const { token, invitation } = createInvitation(db, client.id, trainer.id);
		expect(revokeInvitation(db, client.id, invitation.id)).toBe(true);
		expect(revokeInvitation(db, client.id, invitation.id)).toBe(false);
		expect(() => acceptInvitation(db, token, clientUser().id)).toThrow(InvitationUnavailableError);
	});

	it('refuse unknown and malformed tokens without a look-up', () => {
		expect(findPendingInvitation(db, 'x')).toBeUndefined();
		expect(findPendingInvitation(db, "' or 1=1 --")).toBeUndefined();
		expect(findPendingInvitation(db, 'A'.repeat(27))).toBeUndefined();
	});
});

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

	it('are in force from signing until the end date, inclusive', () => {
		const client = buildClient(db, buildTrainer(db));
		expect(consentState(db, client.id).status).toBe('none');
		appendConsentRecord(db, grant(client.id, { expiresOn: '2026-11-30' }));
		expect(consentState(db, client.id, at(30))).toMatchObject({ status: 'active', coEditing: true, sharing: true });
		expect(consentState(db, client.id, at(31))).toMatchObject({ status: 'expired', coEditing: false, sharing: false });
	});

	it('follow the latest record, and keep every earlier one', () => {
		const client = buildClient(db, buildTrainer(db));
		appendConsentRecord(db, grant(client.id));
		appendConsentRecord(db, grant(client.id, { action: 'withdraw-coediting', coEditing: false, signedAt: new Date(Date.UTC(2026, 10, 23)) }));
		expect(consentState(db, client.id, at(24))).toMatchObject({ status: 'active', coEditing: false, sharing: true });
		appendConsentRecord(db, grant(client.id, { action: 'revoke', coEditing: false, signedAt: new Date(Date.UTC(2026, 10, 24)) }));
		expect(consentState(db, client.id, at(25))).toMatchObject({ status: 'revoked', coEditing: false, sharing: false });
		expect(consentHistory(db, client.id).map((r) => r.action)).toEqual(['grant', 'withdraw-coediting', 'revoke']);
	});

	it('cannot be changed or deleted, even by SQL', () => {
		const client = buildClient(db, buildTrainer(db));
		const record = appendConsentRecord(db, grant(client.id));
		expect(() => db.$client.prepare('update consent_records set purpose = ? where id = ?').run('anything', record.id)).toThrow(/append-only/);
		expect(() => db.$client.prepare('delete from consent_records where id = ?').run(record.id)).toThrow(/append-only/);
		expect(consentHistory(db, client.id)[0]?.purpose).toBe('Coordinating my care.');
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
