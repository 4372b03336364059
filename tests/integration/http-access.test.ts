import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, signUpTrainer, trainerWithDocument, type SignedIn } from './helpers/accounts.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let owner: SignedIn;
let stranger: SignedIn;
let clientId: string;
let documentId: string;

beforeAll(async () => {
	server = await startServer();
	({ trainer: owner, clientId, documentId } = await trainerWithDocument(server));
	stranger = await signUpTrainer(server);
});
afterAll(() => server?.stop());

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('pages over HTTP', () => {
	it('serves the owner their client and document', async () => {
		const clientPage = await get(`/clients/${clientId}`, owner.cookie);
		expect(clientPage.status).toBe(200);
		expect(await clientPage.text()).toContain('Carl Client');
		expect((await get(`/documents/${documentId}`, owner.cookie)).status).toBe(200);
	});

	it('sends a signed-out visitor to sign in, and back afterwards', async () => {
		const response = await get(`/documents/${documentId}`);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(`/documents/${documentId}`)}`);
	});

	it('shows another trainer "not found", with nothing of the client in it', async () => {
		for (const path of [`/clients/${clientId}`, `/documents/${documentId}`]) {
			const response = await get(path, stranger.cookie);
			expect(response.status).toBe(404);
			expect(await response.text()).not.toContain('Carl Client');
		}
	});

	it('refuses another trainer’s form action and stores nothing', async () => {
		const response = await postForm(server, `/clients/${clientId}?/createDocument`, { title: 'Planted', kind: 'progress_log' }, stranger.cookie);
		expect(response.status).toBe(404);
		expect(await (await get(`/clients/${clientId}`, owner.cookie)).text()).not.toContain('Planted');
	});

	it('never caches a signed-in page and marks the session cookie httpOnly and SameSite=Lax', async () => {
		const response = await postForm(server, '/signup', { name: 'Cookie Check', email: `cookie-${Date.now()}@example.com`, password: 'a long enough password' });
		const cookie = response.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect((await get('/clients', owner.cookie)).headers.get('cache-control')).toBe('private, no-store');
	});
});

describe('forms refuse bad input and store nothing', () => {
	it('answers a sign-up with an address in use as any other, without a session or "already exists"', async () => {
		const response = await postForm(server, '/signup', { name: 'Second Tess', email: owner.email, password: 'another long password' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/signup/check-email');
		expect(response.headers.get('set-cookie') ?? '').not.toMatch(/bw_session=[^;]/);
		const signIn = await postForm(server, '/signin', { email: owner.email, password: 'another long password' });
		expect(signIn.status).toBe(400);
	});

	it('refuses a short password', async () => {
		const email = `short-${Date.now()}@example.com`;
		const response = await postForm(server, '/signup', { name: 'Shorty', email, password: 'short' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Use at least 10 characters');
		const signIn = await postForm(server, '/signin', { email, password: 'short' });
		expect(signIn.status).toBe(400);
	});

	it('slows down repeated wrong passwords for one account', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) {
			statuses.push((await postForm(server, '/signin', { email: stranger.email, password: `wrong guess ${i}` })).status);
		}
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses.at(-1)).toBe(429);
		const blocked = await postForm(server, '/signin', { email: stranger.email, password: 'a long enough password' });
		expect(blocked.status).toBe(429);
		expect(await blocked.text()).toContain('Too many failed attempts');
	});

	it('refuses a client with an impossible date of birth', async () => {
		const response = await postForm(server, '/clients?/addClient', { name: 'Future Person', dateOfBirth: '2999-01-01' }, owner.cookie);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Enter a real date of birth');
		expect(await (await get('/clients', owner.cookie)).text()).not.toContain('Future Person');
	});
});
