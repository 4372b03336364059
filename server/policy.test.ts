import { afterAll, describe, expect, it } from 'vitest';
import { buildClient, buildDocument, buildTrainer, temporaryDatabase } from './testing/factories.ts';
import { anonymous, canAddClients, clientAccess, documentAccess, practiceAccess, userActor } from './policy.ts';

const { db, close } = temporaryDatabase();
afterAll(close);

const owner = buildTrainer(db);
const stranger = buildTrainer(db);
const client = buildClient(db, owner);
const document = buildDocument(db, client);

describe('documentAccess', () => {
	it.each([
		['the owning trainer', userActor(owner), 'write'],
		['another trainer', userActor(stranger), 'none'],
		['a signed-out visitor', anonymous, 'none'],
		['a client account that is not linked', userActor({ id: owner.id, role: 'client' }), 'none']
	] as const)('gives %s %s access', (_who, actor, expected) => {
		expect(documentAccess(db, actor, document.id).access).toBe(expected);
	});

	it('returns the document only to those who may open it', () => {
		expect(documentAccess(db, userActor(owner), document.id).document?.id).toBe(document.id);
		expect(documentAccess(db, userActor(stranger), document.id).document).toBeUndefined();
	});

	it('answers none for a document that does not exist', () => {
		expect(documentAccess(db, userActor(owner), crypto.randomUUID()).access).toBe('none');
	});
});

describe('clientAccess', () => {
	it('lets the owning trainer write and nobody else in', () => {
		expect(clientAccess(db, userActor(owner), client.id).access).toBe('write');
		expect(clientAccess(db, userActor(stranger), client.id)).toEqual({ access: 'none' });
		expect(clientAccess(db, anonymous, client.id)).toEqual({ access: 'none' });
	});

	it('lets only trainers add clients', () => {
		expect(canAddClients(userActor(owner))).toBe(true);
		expect(canAddClients(userActor({ id: 'x', role: 'client' }))).toBe(false);
		expect(canAddClients(anonymous)).toBe(false);
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
