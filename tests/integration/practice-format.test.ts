// The practice's locale and time zone on the real server: pages rendered there write dates the way
// the practice chose, and hand the same context to the browser, which formats with it after hydration.
import { unflatten } from 'devalue';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, practiceSettings, sentVersions, users } from '../../server/db/schema.ts';
import { DEFAULT_FORMAT, formatDate, formatDateTime, type FormatContext } from '../../src/lib/shared/format.ts';
import { postForm, sharedReport, type SignedIn } from './helpers/accounts.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

const html = async (path: string, cookie?: string) => (await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} })).text();
const save = (trainer: SignedIn, fields: Record<string, string>) => postForm(server, '/account/email?/save', fields, trainer.cookie);
const settingsOf = (trainer: SignedIn) =>
	readDirectly(server, async (db) => {
		const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email));
		const [row] = await db.select().from(practiceSettings).where(eq(practiceSettings.trainerId, user!.id));
		return { timeZone: row?.timeZone ?? null, locale: row?.locale ?? null };
	});

describe('the practice’s way of writing dates', () => {
	it('shows a Tokyo practice its sent report in Tokyo time, on its own page and the provider’s, and gives the browser the same context', async () => {
		const { trainer, documentId, token } = await sharedReport(server);
		expect((await postForm(server, `/documents/${documentId}/sharing?/send`, { note: 'With the referral letter' }, trainer.cookie)).status).toBe(200);
		const [version] = await readDirectly(server, (db) => db.select().from(sentVersions).where(eq(sentVersions.documentId, documentId)));
		const sentAt = version!.sentAt;
		const tokyo: FormatContext = { locale: 'en-GB', timeZone: 'Asia/Tokyo' };

		// Before any choice: UTC, as the server always wrote.
		expect(await html(`/documents/${documentId}/sharing`, trainer.cookie)).toContain(`Sent ${formatDateTime(sentAt, DEFAULT_FORMAT)} by Tess Trainer`);

		expect((await save(trainer, { timeZone: 'Asia/Tokyo' })).status).toBe(200);
		const page = await html(`/documents/${documentId}/sharing`, trainer.cookie);
		// Tokyo is nine hours from UTC all year: the time differs whatever the hour the test runs at.
		expect(page).toContain(`Sent ${formatDateTime(sentAt, tokyo)} by Tess Trainer`);
		expect(page).not.toContain(`Sent ${formatDateTime(sentAt, DEFAULT_FORMAT)} by`);
		// What the browser formats with after hydration: the same context, from the workspace layout's data.
		expect(await layoutFormat(`/documents/${documentId}/sharing`, trainer.cookie)).toEqual(tokyo);

		// The provider reads the practice's time too, with no account of their own.
		const [document] = await readDirectly(server, (db) => db.select({ updatedAt: documents.updatedAt }).from(documents).where(eq(documents.id, documentId)));
		const share = await html(`/s/${token}`);
		expect(share).toContain(`last updated ${formatDateTime(document!.updatedAt, tokyo, { date: 'long' })}`);
		expect(share).toContain(`sent ${formatDate(sentAt, tokyo, 'long')}`);
	});

	it('writes dates in the chosen locale, and refuses one not on the list with nothing stored', async () => {
		const { trainer, documentId } = await sharedReport(server);
		expect((await postForm(server, `/documents/${documentId}/sharing?/send`, {}, trainer.cookie)).status).toBe(200);
		const [version] = await readDirectly(server, (db) => db.select().from(sentVersions).where(eq(sentVersions.documentId, documentId)));

		const refused = await save(trainer, { timeZone: 'Europe/London', locale: 'tlh' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Choose how your practice writes dates from the list.');
		expect(await settingsOf(trainer)).toEqual({ timeZone: null, locale: null });

		expect((await save(trainer, { timeZone: 'America/New_York', locale: 'en-US' })).status).toBe(200);
		expect(await settingsOf(trainer)).toEqual({ timeZone: 'America/New_York', locale: 'en-US' });
		const page = await html(`/documents/${documentId}/sharing`, trainer.cookie);
		expect(page).toContain(`Sent ${formatDateTime(version!.sentAt, { locale: 'en-US', timeZone: 'America/New_York' })} by`);
		const settings = await pageData<{ locale: string; locales: { tag: string; label: string }[] }>(server, '/account/email', trainer.cookie);
		expect(settings.locale).toBe('en-US');
		expect(settings.locales.find((choice) => choice.tag === 'en-US')?.label).toBe(
			`American English: ${formatDateTime(Date.UTC(2026, 11, 3, 14, 5), { locale: 'en-US', timeZone: 'UTC' }, { date: 'long' })}`
		);
	});
});

/** The `format` of the layout data SvelteKit sends for a page (`__data.json`, one node per layout and the page). */
async function layoutFormat(path: string, cookie: string): Promise<FormatContext | undefined> {
	const response = await fetch(new URL(`${path}/__data.json`, server.url), { headers: { cookie } });
	const body = (await response.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	const nodes = body.nodes.flatMap((node) => (node?.type === 'data' ? [unflatten(node.data) as { format?: FormatContext }] : []));
	return nodes.find((node) => node.format)?.format;
}
