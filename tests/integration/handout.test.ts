// A Lunch & Learn's leave-behind, downloaded from the running server and read back with pdf.js:
// one slide to a page, room for notes or the speaker notes, the trainer's contact, tagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addClient, createDocumentOfKind, createPracticeDocument, postForm, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, within } from './helpers/collab.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let trainer: SignedIn;
let talkId: string;

beforeAll(async () => {
	server = await startServer();
	trainer = await signUpTrainer(server, { name: 'Tess Trainer' });
	talkId = await createPracticeDocument(server, trainer, 'lunch_and_learn', { title: 'Moving after discharge' });
	await postForm(server, '/settings/profile?/addCredential', { title: 'Medical Exercise Specialist', issuer: 'AAHF', year: '2019' }, trainer.cookie);
});
afterAll(() => server?.stop());

const handout = (query = '', cookie = trainer.cookie) =>
	fetch(`${server.url}/documents/${talkId}/handout/pdf${query}`, { headers: { cookie }, redirect: 'manual' });

async function pagesOf(response: Response) {
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('application/pdf');
	const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
	const { text } = await extractText(pdf, { mergePages: false });
	return { pdf, pages: text };
}

interface StructNode {
	role?: string;
	children?: StructNode[];
}
const roles = (node: StructNode): string => {
	const children = (node.children ?? []).filter((child) => child.role).map(roles);
	return children.length ? `${node.role}(${children.join(',')})` : (node.role ?? '');
};

describe('the Lunch & Learn handout', () => {
	it('has one slide to a page with room for notes, the trainer’s contact last, and never the speaker notes', async () => {
		// An edit made a moment ago is in the handout: it is read from the live document's stored state.
		const peer = connectPeer(server, documentName(talkId), trainer.token);
		await within(peer.synced, 10_000, 'trainer to sync');
		appendParagraph(peer, 'Added just before the talk.');
		await allSaved(peer);
		peer.destroy();

		const response = await handout('?paper=a4');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="Moving after discharge - handout.pdf"');
		const { pdf, pages } = await pagesOf(response);
		// Eight slides, then the contact page.
		expect(pages).toHaveLength(9);
		expect(Math.round((await pdf.getPage(1)).view[2]!)).toBe(595);
		expect(pages[0]).toContain('Keeping your patients moving after discharge');
		expect(pages[1]).toContain('Welcome (2 minutes)');
		expect(pages[1]).toContain('Your notes');
		expect(pages[1]).not.toContain('How we measure progress');
		expect(pages[4]).toContain('Timed up-and-go: 12 seconds or more flags fall risk');
		expect(pages[7]).toContain('Added just before the talk.');
		expect(pages.join(' ')).not.toMatch(/Notes:|Ask the room|Thank the host/);
		expect(pages[8]).toContain('Contact');
		expect(pages[8]).toContain('Tess Trainer');
		expect(pages[8]).toContain('Steady Strength');
		expect(pages[8]).toContain(trainer.email);
		// From the trainer's profile.
		expect(pages[8]).toContain('Medical Exercise Specialist (AAHF, 2019)');
		expect(pages[8]).toMatch(/Page 9 of 9/);

		const info: Record<string, unknown> = { ...(await pdf.getMetadata()).info };
		expect(info.Title).toBe('Moving after discharge');
		expect(info.Author).toBe('Tess Trainer');
		expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
		expect(roles((await (await pdf.getPage(1)).getStructTree()) as StructNode)).toMatch(/^Root\(Document\(H1,P,P,H3/);
		expect(roles((await (await pdf.getPage(2)).getStructTree()) as StructNode)).toMatch(
			/^Root\(Document\(H2,L\(LI\(Lbl,LBody\(P\)\),LI\(Lbl,LBody\(P\)\)\),H3\)\)$/
		);
		expect(roles((await (await pdf.getPage(9)).getStructTree()) as StructNode)).toMatch(/^Root\(Document\(H2,P,P,P\(P?,?Link\)/);
	});

	it('prints the speaker notes under each slide in the trainer’s own copy, on Letter by default', async () => {
		const response = await handout('?notes=speaker');
		expect(response.headers.get('content-disposition')).toContain('speaker notes.pdf');
		const { pdf, pages } = await pagesOf(response);
		expect(Math.round((await pdf.getPage(1)).view[2]!)).toBe(612);
		expect(pages[0]).toContain('Thank the host');
		expect(pages[1]).toContain('Speaker notes');
		expect(pages[1]).toContain('Ask the room: how many of your patients stop exercising');
		expect(pages[1]).not.toContain('Your notes');
		expect(pages[7]).toContain('Hand out the leave-behind');
	});

	it('is the trainer’s alone, and only for a talk; so is the audience window', async () => {
		const other = await signUpTrainer(server);
		expect((await handout('', other.cookie)).status).toBe(404);
		const audience = (cookie: string) => fetch(`${server.url}/documents/${talkId}/present/audience`, { headers: { cookie }, redirect: 'manual' });
		expect((await audience(trainer.cookie)).status).toBe(200);
		expect((await audience(other.cookie)).status).toBe(404);
		expect((await handout('', '')).status).toBeGreaterThanOrEqual(300);
		expect((await handout('', '')).headers.get('content-type')).not.toBe('application/pdf');
		const letter = await createPracticeDocument(server, trainer, 'phone_script', { providerName: 'Dr Anna Patel' });
		const clientId = await addClient(server, trainer, 'Rosa Martin');
		const record = await createDocumentOfKind(server, trainer, clientId, 'progress_log');
		for (const id of [letter, record]) {
			const response = await fetch(`${server.url}/documents/${id}/handout/pdf`, { headers: { cookie: trainer.cookie } });
			expect(response.status, id).toBe(404);
		}
	});
});
