import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClient, consentingClient, createBlankDocument, revokeConsent, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

/**
 * Every role against every way into a document, against the real server. Adding a role or a
 * way in means adding a row or a column here; the expectations are the policy, written out.
 */

type Role = 'owning trainer' | 'another trainer' | 'the client' | 'another client' | 'signed-out visitor' | 'client who revoked';
type Way = 'document page over HTTP' | 'WebSocket connection' | 'write over the WebSocket';

const allowed: Record<Role, boolean> = {
	'owning trainer': true,
	'another trainer': false,
	'the client': true,
	'another client': false,
	'signed-out visitor': false,
	'client who revoked': false
};
const ways: Way[] = ['document page over HTTP', 'WebSocket connection', 'write over the WebSocket'];

const SECRET = 'Resting blood pressure 148/94, reported to Dr Reyes.';

let server: RunningServer;
let documentId: string;
let owner: SignedIn;
const credentials = {} as Record<Role, SignedIn | null>;

beforeAll(async () => {
	server = await startServer();
	owner = await signUpTrainer(server);
	const clientId = await addClient(server, owner, 'Carla Client');
	documentId = await createBlankDocument(server, owner, clientId);
	const otherClientId = await addClient(server, owner, 'Otto Other');
	const revokerId = await addClient(server, owner, 'Vera Revoker');
	credentials['owning trainer'] = owner;
	credentials['another trainer'] = await signUpTrainer(server);
	credentials['the client'] = await consentingClient(server, owner, clientId);
	credentials['another client'] = await consentingClient(server, owner, otherClientId);
	credentials['signed-out visitor'] = null;
	const revoker = await consentingClient(server, owner, revokerId);
	await revokeConsent(server, revoker, revokerId);
	credentials['client who revoked'] = revoker;

	const writer = connectPeer(server, documentName(documentId), owner.token);
	await within(writer.synced, 10_000, 'owner to sync');
	appendParagraph(writer, SECRET);
	await allSaved(writer);
	writer.destroy();
}, 60_000);
afterAll(() => server?.stop());

async function storedParagraphs(): Promise<string[]> {
	const reader = connectPeer(server, documentName(documentId), owner.token);
	await within(reader.synced, 10_000, 'owner to read back');
	const result = paragraphs(reader.doc);
	reader.destroy();
	return result;
}

async function attempt(role: Role, way: Way): Promise<boolean> {
	const who = credentials[role];
	if (way === 'document page over HTTP') {
		const response = await fetch(`${server.url}/documents/${documentId}`, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} });
		const body = await response.text();
		expect(body).not.toContain(SECRET); // the page never carries the text itself; the socket does
		return response.status === 200;
	}

	const peer = connectPeer(server, documentName(documentId), who?.token ?? null);
	const outcome = await within(
		Promise.race([peer.synced.then(() => 'synced' as const), peer.refused.then(() => 'refused' as const)]),
		10_000,
		`${role} to be let in or refused`
	);
	if (outcome === 'refused') {
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(paragraphs(peer.doc)).not.toContain(SECRET);
	} else {
		expect(paragraphs(peer.doc)).toContain(SECRET);
	}
	if (way === 'WebSocket connection') {
		peer.destroy();
		return outcome === 'synced';
	}

	const marker = `written by ${role} at ${Date.now()}`;
	appendParagraph(peer, marker);
	if (outcome === 'synced') await allSaved(peer);
	else await new Promise((resolve) => setTimeout(resolve, 300));
	peer.destroy();
	const stored = await storedParagraphs();
	return stored.includes(marker);
}

describe.each(Object.keys(allowed) as Role[])('%s', (role) => {
	it.each(ways)(`%s → ${allowed[role] ? 'allowed' : 'refused'}`, async (way) => {
		expect(await attempt(role, way)).toBe(allowed[role]);
	});
});
