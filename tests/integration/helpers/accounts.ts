import type { TestSmtpServer } from '../../../server/testing/smtp.ts';
import { pageData, submitAction } from './page-data.ts';
import type { RunningServer } from './server.ts';

/** Drives the app's own forms over HTTP, as a browser without JavaScript would. */
export interface SignedIn {
	token: string;
	cookie: string;
	email: string;
	name: string;
}

let sequence = 0;

export async function postForm(server: RunningServer, path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}

export async function signUpTrainer(server: RunningServer, overrides: Partial<{ email: string; name: string; password: string }> = {}): Promise<SignedIn> {
	const email = overrides.email ?? `trainer-${process.pid}-${Date.now()}-${sequence++}@example.com`;
	const name = overrides.name ?? 'Tess Trainer';
	const response = await postForm(server, '/signup', {
		name,
		practiceName: 'Steady Strength',
		email,
		password: overrides.password ?? 'a long enough password'
	});
	// With mail configured an account opens by its mailed link, as its owner would open it.
	const opened =
		server.mailbox && response.headers.get('location') === '/signup/check-email' ? await followConfirmation(server, server.mailbox, email) : response;
	const token = sessionTokenOf(opened);
	if (opened.status !== 303 || !token) throw new Error(`sign-up failed with ${opened.status}: ${await opened.text()}`);
	return { token, cookie: `bw_session=${token}`, email, name };
}

export function sessionTokenOf(response: Response): string | undefined {
	return /bw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
}

/** The confirmation link mailed to `email`, as it arrived at the test SMTP server. */
export async function confirmationLink(mailbox: TestSmtpServer, email: string): Promise<string> {
	const { mail } = await mailbox.waitFor((r) => r.envelopeTo.includes(email) && r.mail.subject === 'Confirm your email address for Bridgework');
	const link = /(http:\/\/\S+\/verify\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
	if (!link) throw new Error(`no confirmation link in:\n${mail.text}`);
	return link;
}

/** Presses "Confirm this address" on the mailed link: the answer opens the account (a session cookie). */
export async function followConfirmation(server: RunningServer, mailbox: TestSmtpServer, email: string): Promise<Response> {
	return postForm(server, new URL(await confirmationLink(mailbox, email)).pathname, {});
}

function idFromRedirect(response: Response, prefix: string): string {
	const location = response.headers.get('location') ?? '';
	if (response.status !== 303 || !location.startsWith(prefix)) {
		throw new Error(`expected a redirect to ${prefix}…, got ${response.status} ${location}`);
	}
	return location.slice(prefix.length);
}

export async function addClient(server: RunningServer, trainer: SignedIn, name = 'Carl Client'): Promise<string> {
	const response = await postForm(server, '/clients?/addClient', { name }, trainer.cookie);
	return idFromRedirect(response, '/clients/');
}

/** Creates a document from the client's page, as the form does; fields such as providerName pass through. */
export async function createDocumentOfKind(
	server: RunningServer,
	trainer: SignedIn,
	clientId: string,
	kind: string,
	fields: Record<string, string> = {}
): Promise<string> {
	const response = await postForm(server, `/clients/${clientId}?/createDocument`, { kind, ...fields }, trainer.cookie);
	return idFromRedirect(response, '/documents/');
}

/** Creates a document in the practice's own Documents area (letters, outreach), as its form does. */
export async function createPracticeDocument(server: RunningServer, trainer: SignedIn, kind: string, fields: Record<string, string> = {}): Promise<string> {
	const response = await postForm(server, '/documents?/createDocument', { kind, ...fields }, trainer.cookie);
	return idFromRedirect(response, '/documents/');
}

/**
 * A document with no text yet. Tests of access, sync and sharing use it: they count paragraphs
 * from zero, and every other kind starts with its template's text.
 */
export async function createBlankDocument(server: RunningServer, trainer: SignedIn, clientId: string, title = 'Notes'): Promise<string> {
	return createDocumentOfKind(server, trainer, clientId, 'blank', { title });
}

/** A trainer with one client and one blank document: the usual starting point. */
export async function trainerWithDocument(server: RunningServer) {
	const trainer = await signUpTrainer(server);
	const clientId = await addClient(server, trainer);
	const documentId = await createBlankDocument(server, trainer, clientId);
	return { trainer, clientId, documentId };
}

/** The trainer invites the client from the client page; the link appears once, in the response. */
export async function inviteClient(server: RunningServer, trainer: SignedIn, clientId: string): Promise<string> {
	const response = await submitAction<{ invitationLink?: string }>(server, `/clients/${clientId}?/invite`, {}, trainer.cookie);
	const link = response.type === 'success' ? response.data.invitationLink : undefined;
	if (!link) throw new Error(`no invitation link in the action's result (${JSON.stringify(response)})`);
	return link;
}

/** The client opens the invitation and creates their account. */
export async function acceptAsNewClient(server: RunningServer, link: string, name = 'Carla Client'): Promise<SignedIn> {
	const email = `client-${process.pid}-${Date.now()}-${sequence++}@example.com`;
	const path = new URL(link).pathname;
	const response = await postForm(server, `${path}?/createAccount`, { name, email, password: 'a long enough password' });
	const token = /bw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (response.status !== 303 || !token) throw new Error(`accepting the invitation failed with ${response.status}`);
	return { token, cookie: `bw_session=${token}`, email, name };
}

/** What the consent page's load gives the client's browser, which builds the text it shows from it. */
interface ConsentPage {
	client: { id: string; name: string };
	trainer: { name: string; practiceName: string };
	kinds: { kind: string; label: string }[];
	defaults: { purpose: string; expiresOn: string; kinds: string[] };
}

interface Signing {
	practiceName: string;
	clientName: string;
	trainerName: string;
	kinds: { kind: string; label: string }[];
	/** Named providers ("name, role, practice"); per-link approval when empty. */
	providers: string[];
	purpose: string;
	expiresOn: string;
	coEditing: boolean;
}

async function consentPage(server: RunningServer, client: SignedIn, clientId: string): Promise<ConsentPage> {
	return pageData<ConsentPage>(server, `/my/consent/${clientId}`, client.cookie);
}

/** The sign form as the page submits it, with the text the page shows built by the page's own function. */
async function signingRequest(server: RunningServer, client: SignedIn, clientId: string, signing: Signing): Promise<() => Promise<Response>> {
	const { consentText } = await import('../../../src/lib/shared/consent/text.ts');
	const providers = signing.providers.map((line) => {
		const [name = '', role = '', ...practice] = line.split(',').map((part) => part.trim());
		return { name, role, practice: practice.join(', ') };
	});
	const shownText = consentText({
		clientName: signing.clientName,
		trainerName: signing.trainerName,
		practiceName: signing.practiceName,
		information: { scope: 'kinds', items: signing.kinds.map((kind) => kind.label) },
		recipients: providers.length ? { mode: 'named', providers } : { mode: 'per-link' },
		purpose: signing.purpose,
		expiresOn: signing.expiresOn,
		expiryEvent: null,
		coEditing: signing.coEditing
	});
	const fields = new URLSearchParams({
		scope: 'kinds',
		recipientsMode: providers.length ? 'named' : 'per-link',
		providers: signing.providers.join('\n'),
		purpose: signing.purpose,
		expiresOn: signing.expiresOn,
		expiryEvent: '',
		read: 'on',
		signatureName: client.name,
		shownText
	});
	for (const kind of signing.kinds) fields.append('kinds', kind.kind);
	if (signing.coEditing) fields.set('coEditing', 'on');
	return () =>
		fetch(`${server.url}/my/consent/${clientId}?/sign`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: fields
		});
}

/**
 * Signs the consent as a person who reads and accepts it would: the text signed is the one the page
 * shows for the form's defaults. With `kinds: 'all'` (what tests of access and sharing want, since
 * they use blank documents) the client ticks every kind, not only the clinical reports the form
 * ticks for them.
 */
export async function signConsent(
	server: RunningServer,
	client: SignedIn,
	clientId: string,
	coEditing = true,
	options: { kinds?: 'default' | 'all' } = {}
): Promise<Response> {
	const page = await consentPage(server, client, clientId);
	const kinds = options.kinds === 'default' ? page.kinds.filter((kind) => page.defaults.kinds.includes(kind.kind)) : page.kinds;
	const sign = await signingRequest(server, client, clientId, {
		practiceName: page.trainer.practiceName,
		clientName: page.client.name,
		trainerName: page.trainer.name,
		kinds,
		providers: [],
		purpose: page.defaults.purpose,
		expiresOn: page.defaults.expiresOn,
		coEditing
	});
	return sign();
}

/** A client who accepted the invitation and signed the default consent. */
export async function consentingClient(server: RunningServer, trainer: SignedIn, clientId: string): Promise<SignedIn> {
	const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId));
	const signed = await signConsent(server, client, clientId);
	if (signed.status !== 303) throw new Error(`signing the consent failed with ${signed.status}: ${await signed.text()}`);
	return client;
}

export async function revokeConsent(server: RunningServer, client: SignedIn, clientId: string): Promise<Response> {
	return postForm(server, '/my?/revoke', { clientId }, client.cookie);
}

/** What the sharing page's create action answers: the new link, or what the form said was wrong. */
export interface CreatedLink {
	status: number;
	token?: string;
	/** The form's messages, by field, as the page shows them; empty when the link was made. */
	errors: Record<string, string>;
	/** The touchpoint logged in the directory for the provider, when there was one. */
	logged?: { providerId: string; providerName: string; added: boolean } | null;
}

/** The trainer creates a share link from the document's sharing page; returns its token. */
export async function createShareLink(
	server: RunningServer,
	trainer: SignedIn,
	documentId: string,
	fields: Partial<
		Record<
			| 'providerName'
			| 'providerRole'
			| 'providerPractice'
			| 'providerEmail'
			| 'expiry'
			| 'expiresOn'
			| 'directoryProviderId'
			| 'addToDirectory'
			| 'today'
			| 'confirmPrompts'
			| 'confirmNamesClient',
			string
		>
	> = {}
): Promise<CreatedLink> {
	type Answer = { created?: { url: string; logged: CreatedLink['logged'] }; errors?: Record<string, string> };
	const result = await submitAction<Answer>(
		server,
		`/documents/${documentId}/sharing?/createLink`,
		{ providerName: 'Dr Ada Reyes', providerRole: 'physician', providerPractice: 'Lakeside Family Medicine', providerEmail: '', expiry: '30-days', ...fields },
		trainer.cookie
	);
	if (result.type === 'redirect') throw new Error(`creating a link redirected to ${result.location}`);
	if (result.type === 'error') return { status: result.status, errors: { form: result.message } };
	const url = result.data.created?.url;
	return {
		status: result.status,
		token: url ? new URL(url).pathname.split('/').at(-1) : undefined,
		errors: result.data.errors ?? {},
		logged: result.data.created?.logged
	};
}

/** The client approves every link waiting for them (consent mode "providers I approve per link"). */
export async function approvePendingLinks(server: RunningServer, client: SignedIn, clientId: string): Promise<number> {
	const { records } = await pageData<{ records: { client: { id: string }; approvals: { id: string }[] }[] }>(server, '/my', client.cookie);
	const ids = records.filter((record) => record.client.id === clientId).flatMap((record) => record.approvals.map((approval) => approval.id));
	for (const linkId of ids) {
		const response = await postForm(server, '/my?/decide', { clientId, linkId, decision: 'approve' }, client.cookie);
		if (response.status !== 200) throw new Error(`approving failed with ${response.status}`);
	}
	return ids.length;
}

/** A document with text, a consenting client, and a live share link for a physician. */
export async function sharedReport(server: RunningServer, text = 'Timed up-and-go improved from 13.4 s to 10.9 s.') {
	const trainer = await signUpTrainer(server);
	const clientId = await addClient(server, trainer, 'Carla Client');
	const documentId = await createBlankDocument(server, trainer, clientId, 'Progress report, November');
	const client = await consentingClient(server, trainer, clientId);
	const link = await createShareLink(server, trainer, documentId);
	if (!link.token) throw new Error(`no share link created (${link.status})`);
	await approvePendingLinks(server, client, clientId);
	return { trainer, client, clientId, documentId, token: link.token, text };
}

export async function withdrawCoEditing(server: RunningServer, client: SignedIn, clientId: string): Promise<Response> {
	return postForm(server, '/my?/withdrawCoEditing', { clientId }, client.cookie);
}

export interface ConsentChoices {
	/** The client record's name, as the consent text names the client. */
	clientName: string;
	trainer: Pick<SignedIn, 'name'>;
	coEditing: boolean;
	/** Named providers ("name, role, practice"); per-link approval when absent. */
	providers?: string[];
	/** Last day the consent holds (YYYY-MM-DD); the form's default (a year) when absent. */
	expiresOn?: string;
}

/**
 * Signs a consent with choices other than the form's defaults. The text signed is built by the
 * same pure function the page uses, from the same choices, as the person's browser would.
 */
export async function signConsentWith(server: RunningServer, client: SignedIn, clientId: string, choices: ConsentChoices): Promise<Response> {
	return (await consentReadyToSign(server, client, clientId, choices))();
}

/** Reads the consent form and fills it in; the returned function signs (one POST, as the button does). */
export async function consentReadyToSign(server: RunningServer, client: SignedIn, clientId: string, choices: ConsentChoices): Promise<() => Promise<Response>> {
	const page = await consentPage(server, client, clientId);
	// Every kind offered, not only the clinical reports the form ticks: the tests share blank documents.
	return signingRequest(server, client, clientId, {
		practiceName: page.trainer.practiceName,
		clientName: choices.clientName,
		trainerName: choices.trainer.name,
		kinds: page.kinds,
		providers: choices.providers ?? [],
		purpose: page.defaults.purpose,
		expiresOn: choices.expiresOn ?? page.defaults.expiresOn,
		coEditing: choices.coEditing
	});
}

/** The trainer keeps a client's document as private working notes, which the client does not see. */
export async function keepPrivate(server: RunningServer, trainer: SignedIn, documentId: string, isPrivate = true): Promise<Response> {
	const response = await postForm(server, `/documents/${documentId}?/setPrivate`, { private: isPrivate ? 'on' : '' }, trainer.cookie);
	if (response.status !== 200) throw new Error(`marking the document private answered ${response.status}`);
	return response;
}

export async function signOut(server: RunningServer, who: SignedIn, everywhere = false): Promise<Response> {
	return postForm(server, everywhere ? '/signout/everywhere' : '/signout', {}, who.cookie);
}

/** The trainer revokes every live link of the document from its sharing page. */
export async function revokeLinksOfDocument(server: RunningServer, trainer: SignedIn, documentId: string): Promise<number> {
	return revokeLinks(server, trainer, documentId, await liveLinksOf(server, trainer, documentId));
}

/** The ids of the links the sharing page offers to revoke. */
export async function liveLinksOf(server: RunningServer, trainer: SignedIn, documentId: string): Promise<string[]> {
	const { links } = await pageData<{ links: { id: string; status: string }[] }>(server, `/documents/${documentId}/sharing`, trainer.cookie);
	return links.filter((link) => !['revoked', 'declined', 'expired'].includes(link.status)).map((link) => link.id);
}

export async function revokeLinks(server: RunningServer, trainer: SignedIn, documentId: string, ids: string[]): Promise<number> {
	for (const linkId of ids) {
		const response = await postForm(server, `/documents/${documentId}/sharing?/revoke`, { linkId }, trainer.cookie);
		if (response.status !== 200) throw new Error(`revoking failed with ${response.status}`);
	}
	return ids.length;
}
