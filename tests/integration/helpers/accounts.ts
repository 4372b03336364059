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
	const setCookie = response.headers.get('set-cookie') ?? '';
	const token = /bw_session=([^;]+)/.exec(setCookie)?.[1];
	if (response.status !== 303 || !token) throw new Error(`sign-up failed with ${response.status}: ${await response.text()}`);
	return { token, cookie: `bw_session=${token}`, email, name };
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

export async function createProgressLog(server: RunningServer, trainer: SignedIn, clientId: string, title = 'Progress log'): Promise<string> {
	return createDocumentOfKind(server, trainer, clientId, 'progress_log', { title });
}

/**
 * A trainer with one client and one blank document: the usual starting point for tests of sync
 * and storage, which count paragraphs from zero (other kinds start with their template's text).
 */
export async function trainerWithDocument(server: RunningServer) {
	const trainer = await signUpTrainer(server);
	const clientId = await addClient(server, trainer);
	const documentId = await createDocumentOfKind(server, trainer, clientId, 'blank', { title: 'Notes' });
	return { trainer, clientId, documentId };
}
