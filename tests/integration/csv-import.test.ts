// Importing clients and providers from CSV through the real server: the preview stores nothing,
// says what is wrong row by row, and the confirmation adds only the new rows.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, users } from '../../server/db/schema.ts';
import { readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { addClient, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { connectPeer, within } from './helpers/collab.ts';
import { readDirectly } from './helpers/database.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

function post(trainer: SignedIn, action: 'preview' | 'confirm', fields: Record<string, string>, file?: string, fileName = 'clients.csv') {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) body.set(key, value);
	if (file !== undefined) body.set('file', new Blob([file], { type: fileName.endsWith('.vcf') ? 'text/vcard' : 'text/csv' }), fileName);
	return fetch(`${server.url}/import?/${action}`, { method: 'POST', body, headers: { cookie: trainer.cookie, origin: server.url, accept: 'text/html' } });
}

async function clientNames(trainer: SignedIn): Promise<string[]> {
	return readDirectly(server, async (db) => {
		const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1);
		return (await db.select({ name: clients.name }).from(clients).where(eq(clients.trainerId, user!.id))).map((row) => row.name).sort();
	});
}

/** The page as read: Svelte puts comments between the parts of one line of text. */
const visibleText = (html: string) =>
	html
		.replace(/<!--.*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&#39;/g, "'")
		.replace(/[ \t]+/g, ' ');

const CLIENTS = [
	'Full name,Email,Date of birth',
	'"Smith, Ann",ann@example.org,1956-04-21',
	'Bo Li,not-an-email,',
	'Carl Client,,',
	'Dee Fox,dee@example.org,'
].join('\r\n');

describe('CSV import', () => {
	it('previews clients row by row without storing any, then adds the new ones and skips duplicates and errors', async () => {
		const trainer = await signUpTrainer(server);
		await addClient(server, trainer, 'Carl Client');
		const preview = await post(trainer, 'preview', { kind: 'clients' }, CLIENTS);
		expect(preview.status).toBe(200);
		const page = visibleText(await preview.text());
		expect(page).toContain('2 to add, 1 duplicate to skip, 1 with errors.');
		expect(page).toContain('Not imported: Email: Enter an email address');
		expect(page).toContain('Skipped: duplicate: The same person as Carl Client, already a client.');
		expect(await clientNames(trainer)).toEqual(['Carl Client']);

		const confirm = await post(trainer, 'confirm', { kind: 'clients', csv: CLIENTS, map_name: '0', map_email: '1', map_dateOfBirth: '2', map_notes: '-1' });
		expect(confirm.status).toBe(200);
		expect(visibleText(await confirm.text())).toMatch(/Added 2\s+clients; skipped 1 duplicate and\s+1 row with errors/);
		expect(await clientNames(trainer)).toEqual(['Carl Client', 'Dee Fox', 'Smith, Ann']);
		// Sent again, the same file adds nothing: every row is a duplicate now.
		await post(trainer, 'confirm', { kind: 'clients', csv: CLIENTS, map_name: '0', map_email: '1', map_dateOfBirth: '2', map_notes: '-1' });
		expect(await clientNames(trainer)).toEqual(['Carl Client', 'Dee Fox', 'Smith, Ann']);
	});

	it('says in a sentence what is wrong with a file it cannot read, and stores nothing', async () => {
		const trainer = await signUpTrainer(server);
		const response = await post(trainer, 'preview', { kind: 'clients' }, 'Name\n"Ann');
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('quote that is never closed');
		const nameOnly = await post(trainer, 'confirm', { kind: 'clients', csv: 'Name\n' });
		expect(nameOnly.status).toBe(400);
		expect(await clientNames(trainer)).toEqual([]);
	});

	it('adds providers to the practice directory, in the columns the trainer mapped', async () => {
		const trainer = await signUpTrainer(server);
		const csv = ['Doctor,Kind,Clinic', 'Dr Ana Reyes,MD,Riverside', 'Ben Ode,Physio,', 'Cam Ng,Dentist,'].join('\n');
		const preview = visibleText(await (await post(trainer, 'preview', { kind: 'providers' }, csv)).text());
		expect(preview).toContain('2 to add, 0 duplicates to skip, 1 with errors.');
		await post(trainer, 'confirm', {
			kind: 'providers',
			csv,
			map_name: '0',
			map_role: '1',
			map_practiceName: '2',
			map_specialty: '-1',
			map_address: '-1',
			map_phone: '-1',
			map_fax: '-1',
			map_email: '-1',
			map_notes: '-1'
		});
		expect((await directory(trainer)).map((p) => [p.name, p.role, p.practiceName])).toEqual([
			['Ben Ode', 'physical_therapist', ''],
			['Dr Ana Reyes', 'physician', 'Riverside']
		]);
	});

	it("adds providers from an address book's vCard file, with the same preview and duplicate checks", async () => {
		const trainer = await signUpTrainer(server);
		const card = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n');
		const vcf = [
			card(['FN:Dr. Lena Park', 'ORG:Eastside Physio', 'TITLE:Physical therapist', 'TEL;TYPE=WORK:555 0300', 'EMAIL;TYPE=WORK:lena@eastside.example']),
			card(['FN:Omar Haddad', 'TITLE:Chiropractor']),
			card(['FN:lena park']),
			card(['ORG:A card with no name'])
		].join('\r\n');
		const preview = visibleText(await (await post(trainer, 'preview', { kind: 'providers' }, vcf, 'contacts.vcf')).text());
		expect(preview).toContain('2 to add, 1 duplicate to skip, 1 with errors.');
		expect(await directory(trainer)).toEqual([]);
		const unreadable = await post(trainer, 'preview', { kind: 'providers' }, 'BEGIN:VCARD\r\nFN:Half a card\r\n', 'broken.vcf');
		expect(unreadable.status).toBe(400);
		expect(await unreadable.text()).toContain('This vCard file could not be read');

		await post(trainer, 'confirm', { kind: 'providers' }, vcf, 'contacts.vcf');
		expect((await directory(trainer)).map((p) => [p.name, p.role, p.practiceName, p.phone, p.email])).toEqual([
			['Dr. Lena Park', 'physical_therapist', 'Eastside Physio', '555 0300', 'lena@eastside.example'],
			['Omar Haddad', 'chiropractor', '', '', '']
		]);
	});
});

/** The trainer's provider directory, as a device of theirs syncs it. */
async function directory(trainer: SignedIn) {
	const [user] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
	const device = connectPeer(server, `practice:${user!.id}`, trainer.token);
	await within(device.synced, 10_000, 'the practice to sync');
	const practice = readPractice(device.doc);
	device.destroy();
	return [...practice.providers].sort((a, b) => a.name.localeCompare(b.name));
}
