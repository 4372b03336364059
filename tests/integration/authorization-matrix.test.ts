import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addClient,
	approvePendingLinks,
	consentingClient,
	createBlankDocument,
	createDocumentOfKind,
	createPracticeDocument,
	createShareLink,
	keepPrivate,
	revokeConsent,
	revokeLinksOfDocument,
	sharedReport,
	signOut,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, paragraphs, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

/**
 * Every role against every way into a document, against the real server. Adding a role or a
 * way in means adding a row or a column here; the expectations are the policy, written out. The
 * second table below does the same for the other sorts of document: the trainer's private notes,
 * the records of a client who revoked, and the practice's own documents.
 */

type Role = 'owning trainer' | 'another trainer' | 'the client' | 'another client' | 'signed-out visitor' | 'client who revoked' | 'provider with a link';
type Way = 'document page over HTTP' | 'WebSocket connection' | 'write over the WebSocket' | 'access changes while connected';

const no = { 'document page over HTTP': false, 'WebSocket connection': false, 'write over the WebSocket': false, 'access changes while connected': false };
const editor = { 'document page over HTTP': true, 'WebSocket connection': true, 'write over the WebSocket': true, 'access changes while connected': false };
/**
 * The last column: connected (where the role may connect at all), the role's access then ends the
 * way it ends for that role, and the cell says whether the open connection still writes (or, for
 * a reader, still receives). Nobody keeps access past its end. tests/integration/
 * access-changes.test.ts has every kind of change and what each leaves open.
 */
const matrix: Record<Role, Record<Way, boolean>> = {
	'owning trainer': editor,
	'another trainer': no,
	'the client': editor,
	'another client': no,
	'signed-out visitor': no,
	'client who revoked': no,
	// A provider reads live through their link, never writes, and has no way into the workspace.
	'provider with a link': { ...no, 'WebSocket connection': true }
};
const ways = Object.keys(editor) as Way[];

/** How each role's access ends while connected: the column "access changes while connected". */
const endOfAccess: Partial<Record<Role, { change: string; refusal: string }>> = {
	'owning trainer': { change: 'signs out in another tab', refusal: 'unauthenticated' },
	// Withdrawing co-editing or revoking leaves the client reading (tests/integration/access-changes.test.ts);
	// their access ends when the trainer keeps the document as private working notes.
	'the client': { change: 'the trainer keeps the document as private notes', refusal: 'forbidden' },
	'provider with a link': { change: 'the trainer revokes the link', refusal: 'link-not-valid' }
};

const SECRET = 'Resting blood pressure 148/94, reported to Dr Reyes.';

interface Credentials {
	token: string;
	cookie?: string;
}

let server: RunningServer;
let documentId: string;
let owner: SignedIn;
const credentials = {} as Record<Role, Credentials | null>;

beforeAll(async () => {
	server = await startServer();
	owner = await signUpTrainer(server);
	const clientId = await addClient(server, owner, 'Carla Client');
	documentId = await createBlankDocument(server, owner, clientId);
	const otherClientId = await addClient(server, owner, 'Otto Other');
	const revokerId = await addClient(server, owner, 'Vera Revoker');
	credentials['owning trainer'] = owner;
	credentials['another trainer'] = await signUpTrainer(server);
	const client = await consentingClient(server, owner, clientId);
	credentials['the client'] = client;
	credentials['another client'] = await consentingClient(server, owner, otherClientId);
	credentials['signed-out visitor'] = null;
	const revoker = await consentingClient(server, owner, revokerId);
	await revokeConsent(server, revoker, revokerId);
	credentials['client who revoked'] = revoker;
	const link = await createShareLink(server, owner, documentId);
	await approvePendingLinks(server, client, clientId);
	credentials['provider with a link'] = { token: `share:${link.token}` };

	const writer = connectPeer(server, documentName(documentId), owner.token);
	await within(writer.synced, 10_000, 'owner to sync');
	appendParagraph(writer, SECRET);
	await allSaved(writer);
	writer.destroy();
}, 60_000);
afterAll(() => server?.stop());

async function storedParagraphs(id = documentId, reader: Credentials = owner): Promise<string[]> {
	const peer = connectPeer(server, documentName(id), reader.token);
	await within(peer.synced, 10_000, 'owner to read back');
	const result = paragraphs(peer.doc);
	peer.destroy();
	return result;
}

async function attempt(role: Role, way: Way): Promise<boolean> {
	if (way === 'access changes while connected') return keepsAccessAfterItEnds(role);
	const who = credentials[role];
	if (way === 'document page over HTTP') {
		const response = await fetch(`${server.url}/documents/${documentId}`, { redirect: 'manual', headers: who?.cookie ? { cookie: who.cookie } : {} });
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
	if (outcome === 'synced' && peer.provider.authorizedScope === 'read-write') await allSaved(peer);
	else await new Promise((resolve) => setTimeout(resolve, 300));
	peer.destroy();
	const stored = await storedParagraphs();
	return stored.includes(marker);
}

/**
 * A fresh report per role, so that ending one role's access leaves the other rows as they were:
 * connects, ends the access, then answers whether the old connection still writes or receives.
 */
async function keepsAccessAfterItEnds(role: Role): Promise<boolean> {
	const report = await sharedReport(server);
	const fresh: Record<Role, Credentials | null> = {
		...credentials,
		'owning trainer': report.trainer,
		'the client': report.client,
		'provider with a link': { token: `share:${report.token}` }
	};
	const ending = endOfAccess[role];
	const peer = connectPeer(server, documentName(report.documentId), fresh[role]?.token ?? null);
	const outcome = await within(
		Promise.race([peer.synced.then(() => 'synced' as const), peer.refused.then(() => 'refused' as const)]),
		10_000,
		`${role} to be let in or refused`
	);
	expect(outcome).toBe(ending ? 'synced' : 'refused');
	// The trainer reads back through a session of their own that does not end here.
	const trainerReader = role === 'owning trainer' ? await signInAgain(report.trainer) : report.trainer;
	if (outcome === 'synced' && ending) {
		const closed = new Promise<void>((resolve) => peer.provider.on('close', () => resolve()));
		if (role === 'owning trainer') await signOut(server, report.trainer);
		else if (role === 'the client') await keepPrivate(server, report.trainer, report.documentId);
		else await revokeLinksOfDocument(server, report.trainer, report.documentId);
		await within(closed, 5000, `${role}'s connection to close (${ending.change})`);
		expect(await within(peer.refused, 10_000, `${role} to be refused on reconnecting`)).toBe(ending.refusal);
	}
	// What the old connection would still send, and what it would still be sent.
	const marker = `written by ${role} after their access ended`;
	appendParagraph(peer, marker);
	const trainer = connectPeer(server, documentName(report.documentId), trainerReader.token);
	await within(trainer.synced, 10_000, 'the trainer to sync');
	appendParagraph(trainer, 'Trainer note after the change.');
	await allSaved(trainer);
	trainer.destroy();
	await new Promise((resolve) => setTimeout(resolve, 300));
	const received = paragraphs(peer.doc).includes('Trainer note after the change.');
	peer.destroy();
	const stored = await storedParagraphs(report.documentId, trainerReader);
	return stored.includes(marker) || received;
}

async function signInAgain(who: SignedIn): Promise<SignedIn> {
	const response = await fetch(`${server.url}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: who.email, password: 'a long enough password' })
	});
	const token = /bw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (!token) throw new Error(`signing in again failed with ${response.status}`);
	return { ...who, token, cookie: `bw_session=${token}` };
}

describe.each(Object.keys(matrix) as Role[])('%s', (role) => {
	it.each(ways.map((way) => [way, matrix[role][way] ? 'allowed' : 'refused'] as const))('%s → %s', async (way) => {
		expect(await attempt(role, way)).toBe(matrix[role][way]);
	});
});

// The other sorts of document: private notes, a revoked client's records, the practice's own.

type OtherRole =
	| 'owning trainer'
	| 'another trainer'
	| 'the client'
	| 'the client who revoked'
	| 'another client'
	| 'signed-out visitor'
	| 'a share link to the practice document';
type Target = 'the client’s record' | 'the trainer’s private notes' | 'the revoked client’s record' | 'a practice document';
type OtherWay = 'document page over HTTP' | 'WebSocket connection' | 'write over the WebSocket';
type Expected = 'write' | 'read' | 'none';

const expected: Record<Target, Record<OtherRole, Expected>> = {
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
const otherWays: OtherWay[] = ['document page over HTTP', 'WebSocket connection', 'write over the WebSocket'];
const otherRoles = Object.keys(expected['the client’s record']) as OtherRole[];

let otherOwner: SignedIn;
let shareToken: string;
const documents = {} as Record<Target, string>;
const secrets: Record<Target, string> = {
	'the client’s record': 'Resting blood pressure 148/94, reported to Dr Reyes.',
	'the trainer’s private notes': 'Seems anxious about the knee; raise it gently next week.',
	'the revoked client’s record': 'Vera walked 420 m in six minutes.',
	'a practice document': 'Ask the front desk for the referral coordinator.'
};
const otherCredentials = {} as Record<Exclude<OtherRole, 'a share link to the practice document'>, SignedIn | null>;

beforeAll(async () => {
	otherOwner = await signUpTrainer(server);
	const clientId = await addClient(server, otherOwner, 'Carla Client');
	const revokerId = await addClient(server, otherOwner, 'Vera Revoker');
	const otherClientId = await addClient(server, otherOwner, 'Otto Other');
	documents['the client’s record'] = await createBlankDocument(server, otherOwner, clientId);
	documents['the trainer’s private notes'] = await createDocumentOfKind(server, otherOwner, clientId, 'blank', { title: 'Working notes', private: 'on' });
	documents['the revoked client’s record'] = await createBlankDocument(server, otherOwner, revokerId);
	documents['a practice document'] = await createPracticeDocument(server, otherOwner, 'blank', { title: 'Call notes for clinics' });

	otherCredentials['owning trainer'] = otherOwner;
	otherCredentials['another trainer'] = await signUpTrainer(server);
	otherCredentials['the client'] = await consentingClient(server, otherOwner, clientId);
	otherCredentials['another client'] = await consentingClient(server, otherOwner, otherClientId);
	otherCredentials['signed-out visitor'] = null;
	const revoker = await consentingClient(server, otherOwner, revokerId);
	await revokeConsent(server, revoker, revokerId);
	otherCredentials['the client who revoked'] = revoker;

	for (const target of Object.keys(documents) as Target[]) {
		const writer = connectPeer(server, documentName(documents[target]), otherOwner.token);
		await within(writer.synced, 10_000, 'otherOwner to sync');
		appendParagraph(writer, secrets[target]);
		await allSaved(writer);
		writer.destroy();
	}
	const link = await createShareLink(server, otherOwner, documents['a practice document']);
	if (!link.token) throw new Error(`no share link for the practice document (${link.status})`);
	shareToken = link.token;
}, 90_000);

async function storedTarget(target: Target): Promise<string[]> {
	const reader = connectPeer(server, documentName(documents[target]), otherOwner.token);
	await within(reader.synced, 10_000, 'owner to read back');
	const result = paragraphs(reader.doc);
	reader.destroy();
	return result;
}

/** Whether this way in worked for the role: a page or a connection that showed the text, a write that was stored. */
async function attemptOther(role: OtherRole, target: Target, way: OtherWay): Promise<boolean> {
	const byLink = role === 'a share link to the practice document';
	const who = byLink ? null : otherCredentials[role];
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
	return (await storedTarget(target)).includes(marker);
}

const allowedBy = (access: Expected, way: OtherWay) => (way === 'write over the WebSocket' ? access === 'write' : access !== 'none');

describe.each(Object.keys(expected) as Target[])('%s', (target) => {
	describe.each(otherRoles)('%s', (role) => {
		it.each(otherWays)(`%s`, async (way) => {
			expect(await attemptOther(role, target, way)).toBe(allowedBy(expected[target][role], way));
		});
	});
});
