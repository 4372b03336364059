// The trainer's professional profile (/settings/profile): saved through its forms, refused with a
// message per field and nothing stored when a value is wrong or too long, bounded in how much it
// holds; then drafted into new letters and the service overview (outcomes first, credentials last)
// and shown under a shared report as "About the trainer", server-rendered and escaped.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceSettings, users } from '../../server/db/schema.ts';
import { documentHTML } from '../../server/sharing/render.ts';
import { addClient, consentingClient, createPracticeDocument, sharedReport, signUpTrainer, type SignedIn } from './helpers/accounts.ts';
import { readDirectly } from './helpers/database.ts';
import { pageData, submitAction } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { storedDocument } from './helpers/stored.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const PATH = '/settings/profile';

interface ProfilePage {
	profile: {
		outcomesStatement: string | null;
		specialties: string[];
		conditionsServed: string[];
		credentials: { id: string; title: string; issuer: string; year: number }[];
		continuingEducation: { id: string; title: string; provider: string; hours: number; completedOn: string }[];
	};
	recentHours: number;
}

type Answer = { section?: string; saved?: string; errors?: Record<string, string>; values?: Record<string, string> };

const submit = (trainer: SignedIn, action: string, fields: Record<string, string>) =>
	submitAction<Answer>(server, `${PATH}?/${action}`, fields, trainer.cookie);
const profileOf = (trainer: SignedIn) => pageData<ProfilePage>(server, PATH, trainer.cookie);

/** The stored row, read from the database itself: what a refusal must leave untouched. */
async function storedRow(trainer: SignedIn) {
	return readDirectly(server, async (db) => {
		const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1);
		const [row] = await db.select().from(practiceSettings).where(eq(practiceSettings.trainerId, user!.id)).limit(1);
		return row ?? null;
	});
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const OUTCOMES = 'Most of my clients with knee osteoarthritis walk further, with less pain, within twelve weeks.';

async function fillProfile(trainer: SignedIn) {
	expect(
		await submit(trainer, 'summary', {
			outcomesStatement: `  ${OUTCOMES}  `,
			specialties: 'Fall prevention\n\nStrength after rehabilitation\nfall prevention',
			conditionsServed: 'Type 2 diabetes\nOsteoporosis\nHip and knee replacements'
		})
	).toMatchObject({ type: 'success', data: { section: 'summary', saved: expect.any(String) } });
	expect(
		await submit(trainer, 'addCredential', { title: 'Medical Exercise Specialist', issuer: 'American Academy of Health and Fitness', year: '2019' })
	).toMatchObject({
		type: 'success'
	});
	expect(
		await submit(trainer, 'addCredential', { title: 'Certified Exercise Physiologist', issuer: 'American College of Sports Medicine', year: '2022' })
	).toMatchObject({
		type: 'success'
	});
	expect(
		await submit(trainer, 'addEducation', { title: 'Exercise and osteoporosis', provider: 'Bone Health Institute', hours: '6,5', completedOn: isoDaysAgo(30) })
	).toMatchObject({
		type: 'success'
	});
	expect(await submit(trainer, 'addEducation', { title: 'Balance training update', provider: '', hours: '8', completedOn: isoDaysAgo(400) })).toMatchObject({
		type: 'success'
	});
	// Older than two years: listed, but not counted in the recent hours.
	expect(
		await submit(trainer, 'addEducation', { title: 'Cardiac rehabilitation basics', provider: '', hours: '12', completedOn: isoDaysAgo(1000) })
	).toMatchObject({
		type: 'success'
	});
}

describe('saving the profile', () => {
	it('stores what the forms send, trimmed and without repeats, newest credential first and the recent hours counted', async () => {
		const trainer = await signUpTrainer(server);
		expect((await profileOf(trainer)).profile).toEqual({
			outcomesStatement: null,
			specialties: [],
			conditionsServed: [],
			credentials: [],
			continuingEducation: []
		});
		await fillProfile(trainer);
		const { profile, recentHours } = await profileOf(trainer);
		expect(profile.outcomesStatement).toBe(OUTCOMES);
		expect(profile.specialties).toEqual(['Fall prevention', 'Strength after rehabilitation']);
		expect(profile.conditionsServed).toEqual(['Type 2 diabetes', 'Osteoporosis', 'Hip and knee replacements']);
		expect(profile.credentials.map((c) => [c.title, c.issuer, c.year])).toEqual([
			['Certified Exercise Physiologist', 'American College of Sports Medicine', 2022],
			['Medical Exercise Specialist', 'American Academy of Health and Fitness', 2019]
		]);
		expect(profile.continuingEducation.map((c) => [c.title, c.hours])).toEqual([
			['Exercise and osteoporosis', 6.5],
			['Balance training update', 8],
			['Cardiac rehabilitation basics', 12]
		]);
		expect(recentHours).toBe(14.5);
		expect((await storedRow(trainer))?.credentials).toHaveLength(2);

		// Removing one entry keeps the others; removing it again is a 404.
		const removed = profile.credentials[1]!.id;
		expect(await submit(trainer, 'removeCredential', { id: removed })).toMatchObject({ type: 'success' });
		expect((await profileOf(trainer)).profile.credentials.map((c) => c.title)).toEqual(['Certified Exercise Physiologist']);
		expect(await submit(trainer, 'removeCredential', { id: removed })).toMatchObject({ type: 'error', status: 404 });
		const course = profile.continuingEducation[2]!.id;
		expect(await submit(trainer, 'removeEducation', { id: course })).toMatchObject({ type: 'success' });
		expect((await profileOf(trainer)).profile.continuingEducation).toHaveLength(2);
	});

	// On PostgreSQL the four requests' reads and writes interleave, and without the revision check
	// three of the four were lost in a run with the check removed; on SQLite they run one after another.
	it('keeps every one of four credentials added at the same moment', async () => {
		const trainer = await signUpTrainer(server);
		const answers = await Promise.all(
			['A', 'B', 'C', 'D'].map((letter) => submit(trainer, 'addCredential', { title: `Credential ${letter}`, issuer: 'Issuer', year: '2020' }))
		);
		expect(answers.map((answer) => answer.type)).toEqual(['success', 'success', 'success', 'success']);
		expect((await profileOf(trainer)).profile.credentials.map((c) => c.title).sort()).toEqual(['Credential A', 'Credential B', 'Credential C', 'Credential D']);
	});

	it('answers only the trainer: another trainer cannot remove their entries, a client cannot open the page', async () => {
		const owner = await signUpTrainer(server);
		await fillProfile(owner);
		const { profile } = await profileOf(owner);
		const stranger = await signUpTrainer(server);
		expect(await submit(stranger, 'removeCredential', { id: profile.credentials[0]!.id })).toMatchObject({ type: 'error', status: 404 });
		expect(await submit(stranger, 'removeEducation', { id: profile.continuingEducation[0]!.id })).toMatchObject({ type: 'error', status: 404 });
		expect((await profileOf(owner)).profile).toEqual(profile);

		const client = await consentingClient(server, owner, await addClient(server, owner));
		const page = await fetch(`${server.url}${PATH}`, { headers: { cookie: client.cookie }, redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(await submit(client, 'summary', { outcomesStatement: 'Taken over' })).toMatchObject({ type: 'redirect' });
		expect((await profileOf(owner)).profile.outcomesStatement).toBe(OUTCOMES);
	});
});

describe('refusing what does not fit', () => {
	const longLine = 'x'.repeat(81);
	const cases: [string, string, Record<string, string>, Record<string, RegExp>][] = [
		['an outcomes statement over 200 characters', 'summary', { outcomesStatement: 'a'.repeat(201) }, { outcomesStatement: /one line of 200 characters/ }],
		[
			'too many specialties and a condition too long',
			'summary',
			{ specialties: Array.from({ length: 13 }, (_, i) => `Specialty ${i}`).join('\n'), conditionsServed: longLine },
			{ specialties: /Up to 12 specialties/, conditionsServed: /under 80 characters/ }
		],
		[
			'a credential with no name and a year in the future',
			'addCredential',
			{ title: '', issuer: 'ACE', year: '2999' },
			{ title: /Enter the credential’s name/, year: /no later than/ }
		],
		['a year that is not one', 'addCredential', { title: 'CPT', issuer: 'x'.repeat(121), year: '19' }, { issuer: /at most 120/, year: /four digits/ }],
		[
			'a course of no hours completed tomorrow',
			'addEducation',
			{ title: 'Course', hours: '0', completedOn: isoDaysAgo(-2) },
			{ hours: /more than 0 hours/, completedOn: /cannot be in the future/ }
		],
		[
			'hours that are not a number and no date',
			'addEducation',
			{ title: 'Course', hours: 'eight', completedOn: '' },
			{ hours: /as a number/, completedOn: /date you completed/ }
		],
		[
			'too many hours for one course',
			'addEducation',
			{ title: 'c'.repeat(151), hours: '501', completedOn: isoDaysAgo(1) },
			{ title: /at most 150/, hours: /at most 500/ }
		]
	];

	it.each(cases)('refuses %s, says what is wrong per field and stores nothing', async (_, action, fields, messages) => {
		const trainer = await signUpTrainer(server);
		await fillProfile(trainer);
		const before = await storedRow(trainer);
		const answer = await submit(trainer, action, fields);
		expect(answer.type).toBe('failure');
		expect(answer.status).toBe(400);
		const data = answer.type === 'failure' ? answer.data : {};
		for (const [field, message] of Object.entries(messages)) expect(data.errors?.[field]).toMatch(message);
		// What was typed comes back for the form to show again.
		for (const [field, value] of Object.entries(fields)) expect(data.values?.[field]).toBe(value.trim());
		expect(await storedRow(trainer)).toEqual(before);
	});

	it('holds at most 15 credentials: the 16th is refused for the whole form and not stored', async () => {
		const trainer = await signUpTrainer(server);
		for (let i = 0; i < 15; i++) {
			expect(await submit(trainer, 'addCredential', { title: `Credential ${i}`, issuer: 'Issuer', year: '2020' })).toMatchObject({ type: 'success' });
		}
		const answer = await submit(trainer, 'addCredential', { title: 'One more', issuer: 'Issuer', year: '2020' });
		expect(answer).toMatchObject({ type: 'failure', status: 400, data: { errors: { form: expect.stringMatching(/up to 15 credentials/) } } });
		expect((await profileOf(trainer)).profile.credentials).toHaveLength(15);
	});
});

/** The document's text as its HTML renders it, from what the server stored when it was drafted. */
async function draftedHTML(documentId: string): Promise<string> {
	const doc = await storedDocument(server, documentId);
	try {
		return documentHTML(doc);
	} finally {
		doc.destroy();
	}
}

/** Each phrase appears, and in the order given. */
function expectInOrder(html: string, phrases: string[]) {
	const positions = phrases.map((phrase) => html.indexOf(phrase));
	for (const [index, position] of positions.entries()) expect(position, `“${phrases[index]}” in the document`).toBeGreaterThan(-1);
	expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

describe('drafting with the profile', () => {
	it('writes new introduction letters and service overviews with outcomes first and credentials last; documents drafted before keep their text', async () => {
		const trainer = await signUpTrainer(server);
		const before = await createPracticeDocument(server, trainer, 'intro_letter_physician', { providerName: 'Dr Ana Reyes', providerClinic: '' });
		await fillProfile(trainer);
		const letter = await draftedHTML(
			await createPracticeDocument(server, trainer, 'intro_letter_physician', { providerName: 'Dr Ana Reyes', providerClinic: '' })
		);
		expectInOrder(letter, [
			'Dear Dr Ana Reyes',
			OUTCOMES,
			'My specialties are Fall prevention and Strength after rehabilitation.',
			'I work with people living with Type 2 diabetes, Osteoporosis and Hip and knee replacements.',
			'What your patients and your practice can expect',
			'My credentials: Certified Exercise Physiologist (American College of Sports Medicine, 2022); Medical Exercise Specialist (American Academy of Health and Fitness, 2019); and 14.5 hours of continuing education in the last two years.',
			'does not diagnose or treat'
		]);
		expect(letter).not.toContain('people with high blood pressure');

		const physio = await draftedHTML(
			await createPracticeDocument(server, trainer, 'intro_letter_physical_therapist', { providerName: 'Sam Lee', providerClinic: '' })
		);
		expectInOrder(physio, [OUTCOMES, 'That is where I come in.', 'My specialties are', 'How I work alongside physical therapy', 'My credentials:']);

		const overview = await draftedHTML(await createPracticeDocument(server, trainer, 'service_overview'));
		expectInOrder(overview, [
			': medical exercise for your patients',
			OUTCOMES,
			'Who we help',
			'<li><p>Type 2 diabetes</p></li>',
			'Specialties',
			'<li><p>Fall prevention</p></li>',
			'How referral works',
			'Credentials',
			'Certified Exercise Physiologist (American College of Sports Medicine, 2022)',
			'14.5 hours of continuing education in the last two years',
			'Contact'
		]);
		expect(overview).not.toContain('Older adults at risk of falling');

		const earlier = await draftedHTML(before);
		expect(earlier).toContain('people with high blood pressure');
		expect(earlier).not.toContain(OUTCOMES);
	});
});

describe('About the trainer on the share page', () => {
	it('shows the name, outcomes statement and credentials below the report, escaped, and nothing for an empty profile', async () => {
		const { trainer, token } = await sharedReport(server);
		const open = async () => {
			const response = await fetch(`${server.url}/s/${token}`);
			expect(response.status).toBe(200);
			return response.text();
		};
		expect(await open()).not.toContain('About the trainer');

		await submit(trainer, 'summary', {
			outcomesStatement: 'Clients <script>alert(1)</script> & their "balance" improve.',
			specialties: '',
			conditionsServed: ''
		});
		await submit(trainer, 'addCredential', { title: 'Medical Exercise Specialist', issuer: 'AAHF', year: '2019' });
		await submit(trainer, 'addEducation', { title: 'A course the provider does not see', hours: '3', completedOn: isoDaysAgo(3) });
		const html = await open();
		const about = /<section class="about-trainer"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
		expect(about).toContain('<h2 id="about-trainer-heading">About the trainer</h2>');
		expect(about).toContain(`<strong>${trainer.name}, Steady Strength</strong>`);
		expect(about).toContain('Clients &lt;script&gt;alert(1)&lt;/script&gt; &amp; their &quot;balance&quot; improve.');
		expect(about).toContain('<li>Medical Exercise Specialist (AAHF, 2019)</li>');
		expect(about).not.toContain('A course the provider does not see');
		expect(html).not.toContain('<script>alert(1)</script>');
		// Below the report text, above the provider's answer form.
		expect(html.indexOf('class="report-body"')).toBeLessThan(html.indexOf('about-trainer-heading'));
		expect(html.indexOf('about-trainer-heading')).toBeLessThan(html.indexOf('id="replies-heading"'));
	});
});
