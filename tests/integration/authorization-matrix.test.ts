import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addClient,
	consentingClient,
	createBlankDocument,
	createDocumentOfKind,
	createPracticeDocument,
	createShareLink,
	revokeConsent,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

/**
 * Every role against every way into every sort of document, against the real server. Adding a role,
 * a way in or a sort of document means adding a row, a column or a table here; the expectations are
 * the policy, written out.
 */

type Role =
	| 'owning trainer'
	| 'another trainer'
	| 'the client'
	| 'the client who revoked'
	| 'another client'
	| 'signed-out visitor'
	| 'a share link to the practice document';
type Target = 'the client’s record' | 'the trainer’s private notes' | 'the revoked client’s record' | 'a practice document';
type Way = 'document page over HTTP' | 'WebSocket connection' | 'write over the WebSocket';
type Expected = 'write' | 'read' | 'none';

const expected: Record<Target, Record<Role, Expected>> = {
	'the client’s record': {
		'owning trainer': 'write',
		'another trainer': 'none',
		'the client': 'write',
		'the client who revoked': 'none',
		'another client': 'none',
		'signed-out visitor': 'none',
		'a share link to the practice document': 'none'
	},
	// Working notes about the client that the client does not see.
	'the trainer’s private notes': {
		'owning trainer': 'write',
		'another trainer': 'none',
		'the client': 'none',
		'the client who revoked': 'none',
		'another client': 'none',
		'signed-out visitor': 'none',
		'a share link to the practice document': 'none'
	},
	// Revoking ends co-editing and sharing, never the client's reading of their own records.
	'the revoked client’s record': {
		'owning trainer': 'write',
		'another trainer': 'none',
		'the client': 'none',
		'the client who revoked': 'read',
		'another client': 'none',
		'signed-out visitor': 'none',
		'a share link to the practice document': 'none'
	},
	// The trainer's own: no client ever opens it; a link shows it read-only with no one's consent.
	'a practice document': {
		'owning trainer': 'write',
		'another trainer': 'none',
		'the client': 'none',
		'the client who revoked': 'none',
		'another client': 'none',
		'signed-out visitor': 'none',
		'a share link to the practice document': 'read'
	}
};
const ways: Way[] = ['document page over HTTP', 'WebSocket connection', 'write over the WebSocket'];
const roles = Object.keys(expected['the client’s record']) as Role[];

let server: RunningServer;
let owner: SignedIn;
let shareToken: string;
const documents = {} as Record<Target, string>;
const secrets: Record<Target, string> = {
	'the client’s record': 'Resting blood pressure 148/94, reported to Dr Reyes.',
	'the trainer’s private notes': 'Seems anxious about the knee; raise it gently next week.',
	'the revoked client’s record': 'Vera walked 420 m in six minutes.',
	'a practice document': 'Ask the front desk for the referral coordinator.'
};
const credentials = {} as Record<Exclude<Role, 'a share link to the practice document'>, SignedIn | null>;

beforeAll(async () => {
	server = await startServer();
	owner = await signUpTrainer(server);
	const clientId = await addClient(server, owner, 'Carla Client');
	const revokerId = await addClient(server, owner, 'Vera Revoker');
	const otherClientId = await addClient(server, owner, 'Otto Other');
	documents['the client’s record'] = await createBlankDocument(server, owner, clientId);
	documents['the trainer’s private notes'] = await createDocumentOfKind(server, owner, clientId, 'blank', { title: 'Working notes', private: 'on' });
	documents['the revoked client’s record'] = await createBlankDocument(server, owner, revokerId);
	documents['a practice document'] = await createPracticeDocument(server, owner, 'blank', { title: 'Call notes for clinics' });

	credentials['owning trainer'] = owner;
	credentials['another trainer'] = await signUpTrainer(server);
	credentials['the client'] = await consentingClient(server, owner, clientId);
	credentials['another client'] = await consentingClient(server, owner, otherClientId);
	credentials['signed-out visitor'] = null;
	const revoker = await consentingClient(server, owner, revokerId);
	await revokeConsent(server, revoker, revokerId);
	credentials['the client who revoked'] = revoker;

	for (const target of Object.keys(documents) as Target[]) {
		const writer = connectPeer(server, documentName(documents[target]), owner.token);
		await within(writer.synced, 10_000, 'owner to sync');
		appendParagraph(writer, secrets[target]);
		await allSaved(writer);
		writer.destroy();
	}
	const link = await createShareLink(server, owner, documents['a practice document']);
	if (!link.token) throw new Error(`no share link for the practice document (${link.status})`);
	shareToken = link.token;
}, 90_000);
afterAll(() => server?.stop());

async function storedParagraphs(target: Target): Promise<string[]> {
	const reader = connectPeer(server, documentName(documents[target]), owner.token);
	await within(reader.synced, 10_000, 'owner to read back');
	const result = paragraphs(reader.doc);
	reader.destroy();
	return result;
}

/** Whether this way in worked for the role: a page or a connection that showed the text, a write that was stored. */
async function attempt(role: Role, target: Target, way: Way): Promise<boolean> {
	const byLink = role === 'a share link to the practice document';
	const who = byLink ? null : credentials[role];
	const secret = secrets[target];
	if (way === 'document page over HTTP') {
		if (byLink) {
			// A link has one page, the provider's view of its own document.
			const body = await (await fetch(`${server.url}/s/${shareToken}`)).text();
			return body.includes(secret);
		}
		const response = await fetch(`${server.url}/documents/${documents[target]}`, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} });
		const body = await response.text();
		expect(body).not.toContain(secret); // the page never carries the text itself; the socket does
		return response.status === 200;
	}

	const peer = connectPeer(server, documentName(documents[target]), byLink ? `share:${shareToken}` : (who?.token ?? null));
	const outcome = await within(
		Promise.race([peer.synced.then(() => 'synced' as const), peer.refused.then(() => 'refused' as const)]),
		10_000,
		`${role} to be let in or refused`
	);
	if (outcome === 'refused') {
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(paragraphs(peer.doc)).not.toContain(secret);
	} else {
		expect(paragraphs(peer.doc)).toContain(secret);
	}
	if (way === 'WebSocket connection') {
		peer.destroy();
		return outcome === 'synced';
	}

	const marker = `written by ${role} at ${Date.now()}`;
	appendParagraph(peer, marker);
	if (outcome === 'synced' && expected[target][role] === 'write') await allSaved(peer);
	else await new Promise((resolve) => setTimeout(resolve, 300));
	peer.destroy();
	return (await storedParagraphs(target)).includes(marker);
}

const allowedBy = (access: Expected, way: Way) => (way === 'write over the WebSocket' ? access === 'write' : access !== 'none');

describe.each(Object.keys(expected) as Target[])('%s', (target) => {
	describe.each(roles)('%s', (role) => {
		it.each(ways)(`%s`, async (way) => {
			expect(await attempt(role, target, way)).toBe(allowedBy(expected[target][role], way));
		});
	});
});
