// Events for providers and visits to a client's appointment, on the real server: the trainer plans
// an event and invites providers from the directory (mailed through the Outbox when they have an
// address), a provider answers by link with no account (plain form post or use:enhance), bad
// tokens, sizes and rates are refused, and marking attendance logs a touchpoint whose follow-up
// falls due after the practice's days. A visit brief is produced, and audited, only where the
// client's consent names the provider.
import { eq } from 'drizzle-orm';
import { getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, eventInvitations, outgoingMail, practiceEvents, users } from '../../server/db/schema.ts';
import { addMeasurement } from '../../src/lib/shared/measures/store.ts';
import { addDays } from '../../src/lib/shared/referrals/dates.ts';
import { followUpOf } from '../../src/lib/shared/referrals/follow-ups.ts';
import { addProvider, readPractice } from '../../src/lib/shared/referrals/practice-doc.ts';
import { providerFields } from '../../src/lib/shared/referrals/testing/fixtures.ts';
import type { Practice } from '../../src/lib/shared/referrals/types.ts';
import {
	acceptAsNewClient,
	addClient,
	createDocumentOfKind,
	inviteClient,
	postForm,
	revokeConsent,
	signConsentWith,
	signUpTrainer,
	type SignedIn
} from './helpers/accounts.ts';
import { allSaved, connectPeer, documentName, within, type TestPeer } from './helpers/collab.ts';
import { readDirectly, writeDirectly } from './helpers/database.ts';
import { pageData, submitAction } from './helpers/page-data.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const peers: TestPeer[] = [];
afterEach(() => {
	for (const peer of peers.splice(0)) peer.destroy();
});

// The practice has no time zone chosen: its calendar is UTC's.
const today = new Date().toISOString().slice(0, 10);

async function userId(trainer: SignedIn): Promise<string> {
	const [row] = await readDirectly(server, (db) => db.select({ id: users.id }).from(users).where(eq(users.email, trainer.email)).limit(1));
	return row!.id;
}

async function practiceDevice(trainer: SignedIn): Promise<TestPeer> {
	const peer = connectPeer(server, `practice:${await userId(trainer)}`, trainer.token);
	peers.push(peer);
	await within(peer.synced, 10_000, 'the practice to sync');
	return peer;
}

async function storedPractice(trainer: SignedIn): Promise<Practice> {
	return readPractice((await practiceDevice(trainer)).doc);
}

/** A trainer with two providers in the directory: Dr Ana Reyes has an email address, Sam Lee PT none. */
async function trainerWithDirectory() {
	const trainer = await signUpTrainer(server);
	const device = await practiceDevice(trainer);
	const reyes = addProvider(device.doc, providerFields({ name: 'Dr Ana Reyes', role: 'physician', email: 'reyes@clinic.example' }));
	const lee = addProvider(device.doc, providerFields({ name: 'Sam Lee', role: 'physical_therapist', email: '' }));
	await allSaved(device);
	return { trainer, reyes, lee };
}

async function planEvent(trainer: SignedIn, fields: Partial<Record<string, string>> = {}): Promise<string> {
	const response = await postForm(
		server,
		'/providers/events?/create',
		{ kind: 'open_house', title: 'Strength after knee replacement', date: today, startTime: '12:30', location: 'The studio', description: '', ...fields },
		trainer.cookie
	);
	expect(response.status).toBe(303);
	return response.headers.get('location')!.split('/').at(-1)!;
}

type Invited = { invited: { sent: { providerId: string; providerName: string; url: string; emailed: boolean }[]; already: string[] } };

async function invite(trainer: SignedIn, eventId: string, providerIds: string[]) {
	const fields = new URLSearchParams();
	for (const id of providerIds) fields.append('providerId', id);
	const response = await fetch(`${server.url}/providers/events/${eventId}?/invite`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true', cookie: trainer.cookie },
		body: fields
	});
	const { parse } = await import('devalue');
	const body = (await response.json()) as { type: string; data: string };
	return { type: body.type, data: parse(body.data) as Invited & { errors?: Record<string, string> } };
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').at(-1)!;

function invitationRows(eventId: string) {
	return readDirectly(server, (db) => db.select().from(eventInvitations).where(eq(eventInvitations.eventId, eventId)));
}

describe('an event for providers', () => {
	it('invites from the directory, mails those with an address through the Outbox, and never invites anyone twice', async () => {
		const { trainer, reyes, lee } = await trainerWithDirectory();
		const eventId = await planEvent(trainer);

		const first = await invite(trainer, eventId, [reyes, lee]);
		expect(first.type).toBe('success');
		const sent = first.data.invited.sent;
		expect(sent.map((s) => [s.providerName, s.emailed])).toEqual([
			['Dr Ana Reyes', true],
			['Sam Lee', false]
		]);
		// Only the hash is stored: the link the trainer was shown is not in the table.
		const rows = await invitationRows(eventId);
		expect(rows).toHaveLength(2);
		for (const row of rows) expect(sent.map((s) => tokenOf(s.url))).not.toContain(row.tokenHash);

		const mail = await readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.kind, 'event_invitation')));
		const toReyes = mail.filter((m) => m.toAddress === 'reyes@clinic.example' && m.ownerId === rows[0]!.trainerId);
		expect(toReyes).toHaveLength(1);
		expect(toReyes[0]!.subject).toBe('Invitation: Strength after knee replacement, from Tess Trainer');
		expect(toReyes[0]!.text).toContain(sent.find((s) => s.providerName === 'Dr Ana Reyes')!.url);
		expect(toReyes[0]!.replyTo).toBe(trainer.email);

		const again = await invite(trainer, eventId, [reyes]);
		expect(again.data.invited).toEqual({ sent: [], already: ['Dr Ana Reyes'] });
		expect(await invitationRows(eventId)).toHaveLength(2);

		const none = await invite(trainer, eventId, []);
		expect(none.type).toBe('failure');
		expect(none.data.errors?.providerId).toBe('Choose at least one provider to invite.');
		const stranger = await invite(trainer, eventId, ['not-in-the-directory']);
		expect(stranger.data.errors?.providerId).toBe('A provider you chose is no longer in your directory. Choose again.');
	});

	it('refuses a bad event with a message per field and stores nothing', async () => {
		const trainer = await signUpTrainer(server);
		const response = await postForm(
			server,
			'/providers/events?/create',
			{ kind: 'party', title: '', date: addDays(today, -3), startTime: '25:00' },
			trainer.cookie
		);
		expect(response.status).toBe(400);
		const html = await response.text();
		for (const message of [
			'Choose what kind of event it is.',
			'Give the event a title.',
			'The event can’t be in the past.',
			'Enter the start time, such as 12:30.'
		]) {
			expect(html).toContain(message);
		}
		const long = await postForm(
			server,
			'/providers/events?/create',
			{ kind: 'workshop', title: 't'.repeat(161), date: today, startTime: '09:00' },
			trainer.cookie
		);
		expect(await long.text()).toContain('A title can be at most 160 characters.');
		const trainerId = await userId(trainer);
		const stored = await readDirectly(server, (db) => db.select().from(practiceEvents).where(eq(practiceEvents.trainerId, trainerId)));
		expect(stored).toEqual([]);
	});

	it('is another trainer’s: their event and its forms answer not found', async () => {
		const { trainer, reyes } = await trainerWithDirectory();
		const eventId = await planEvent(trainer);
		const other = await signUpTrainer(server);
		expect((await fetch(`${server.url}/providers/events/${eventId}`, { headers: { cookie: other.cookie } })).status).toBe(404);
		const response = await postForm(server, `/providers/events/${eventId}?/invite`, { providerId: reyes }, other.cookie);
		expect(response.status).toBe(404);
		expect(await invitationRows(eventId)).toEqual([]);
	});
});

describe('a provider answering an invitation', () => {
	async function invitedReyes() {
		const { trainer, reyes } = await trainerWithDirectory();
		const eventId = await planEvent(trainer, { description: 'Bring <b>questions</b>.' });
		const { data } = await invite(trainer, eventId, [reyes]);
		return { trainer, eventId, token: tokenOf(data.invited.sent[0]!.url) };
	}

	it('answers without an account, by a plain form post, and changes the answer by an enhanced one', async () => {
		const { trainer, eventId, token } = await invitedReyes();
		const page = await fetch(`${server.url}/e/${token}`);
		expect(page.status).toBe(200);
		expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
		expect(page.headers.get('cache-control')).toBe('private, no-store');
		expect(page.headers.get('referrer-policy')).toBe('same-origin');
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
		const html = await page.text();
		expect(html).toContain('Dear Dr Ana Reyes, Tess Trainer invites you to this open house.');
		expect(html).toContain('Bring &lt;b>questions&lt;/b>.');

		const plain = await postForm(server, `/e/${token}?/answer`, { response: 'attending', note: 'Bringing a colleague.' });
		expect(plain.status).toBe(200);
		expect(await plain.text()).toContain('Thank you: Tess Trainer knows you are coming.');
		expect(await invitationRows(eventId)).toMatchObject([{ response: 'attending', responseNote: 'Bringing a colleague.' }]);
		const told = await readDirectly(server, (db) => db.select().from(outgoingMail).where(eq(outgoingMail.toAddress, trainer.email)));
		expect(told.filter((m) => m.kind === 'event_answer')).toMatchObject([
			{ subject: 'Dr Ana Reyes is coming: Strength after knee replacement', status: 'held' }
		]);
		expect(told.find((m) => m.kind === 'event_answer')!.text).toContain('> Bringing a colleague.');

		const enhanced = await submitAction<{ answered: string }>(server, `/e/${token}?/answer`, { response: 'declined', note: '' });
		expect(enhanced).toMatchObject({ type: 'success', data: { answered: 'declined' } });
		expect(await invitationRows(eventId)).toMatchObject([{ response: 'declined', responseNote: null }]);

		type EventPage = { invitations: { providerName: string; response: string | null }[] };
		expect((await pageData<EventPage>(server, `/providers/events/${eventId}`, trainer.cookie)).invitations).toMatchObject([
			{ providerName: 'Dr Ana Reyes', response: 'declined' }
		]);
	});

	it('refuses a missing choice and an over-long note with the reason, keeping what was typed', async () => {
		const { eventId, token } = await invitedReyes();
		const missing = await postForm(server, `/e/${token}?/answer`, { note: 'Maybe' });
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Choose whether you are coming.');
		const long = 'n'.repeat(501);
		const tooLong = await postForm(server, `/e/${token}?/answer`, { response: 'attending', note: long });
		expect(tooLong.status).toBe(400);
		const html = await tooLong.text();
		expect(html).toContain('A note can be at most 500 characters.');
		expect(html).toContain(long);
		expect(await invitationRows(eventId)).toMatchObject([{ response: null }]);
	});

	it('takes 5 answers per invitation in 10 minutes, then refuses with a reason', async () => {
		const { eventId, token } = await invitedReyes();
		for (let i = 0; i < 5; i++) expect((await postForm(server, `/e/${token}?/answer`, { response: i % 2 ? 'declined' : 'attending' })).status).toBe(200);
		const sixth = await postForm(server, `/e/${token}?/answer`, { response: 'declined', note: 'Sorry' });
		expect(sixth.status).toBe(429);
		expect(await sixth.text()).toContain('Several answers were sent on this invitation in a short time.');
		expect(await invitationRows(eventId)).toMatchObject([{ response: 'attending' }]);
	});

	it('refuses bad tokens with one and the same 404, and an event more than a week past', async () => {
		const { eventId, token } = await invitedReyes();
		for (const bad of ['short', 'x'.repeat(27), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`]) {
			const response = await fetch(`${server.url}/e/${bad}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
			expect(response.status).toBe(404);
			expect(await response.text()).toContain('This invitation link is not valid');
			expect((await postForm(server, `/e/${bad}?/answer`, { response: 'attending' })).status).toBe(404);
		}
		await writeDirectly(server, (db) =>
			db
				.update(practiceEvents)
				.set({ date: addDays(today, -8) })
				.where(eq(practiceEvents.id, eventId))
		);
		expect((await fetch(`${server.url}/e/${token}`)).status).toBe(404);
		expect((await postForm(server, `/e/${token}?/answer`, { response: 'attending' })).status).toBe(404);
		expect(await invitationRows(eventId)).toMatchObject([{ response: null }]);
	});

	it('closes answers once the event has begun, saying so', async () => {
		const { eventId, token } = await invitedReyes();
		await writeDirectly(server, (db) =>
			db
				.update(practiceEvents)
				.set({ date: addDays(today, -1) })
				.where(eq(practiceEvents.id, eventId))
		);
		expect(await (await fetch(`${server.url}/e/${token}`)).text()).toContain('The event has begun, so answers are closed.');
		const late = await postForm(server, `/e/${token}?/answer`, { response: 'attending' });
		expect(late.status).toBe(400);
		expect(await invitationRows(eventId)).toMatchObject([{ response: null }]);
	});
});

describe('attendance', () => {
	it('logs a touchpoint per provider who came, once, and the follow-up falls due after the practice’s days', async () => {
		const { trainer, reyes, lee } = await trainerWithDirectory();
		const eventId = await planEvent(trainer, { kind: 'lunch_and_learn', title: 'Falls prevention' });
		await invite(trainer, eventId, [reyes, lee]);
		const rows = await invitationRows(eventId);
		const reyesInvitation = rows.find((r) => r.directoryProviderId === reyes)!;

		const marked = await postForm(server, `/providers/events/${eventId}?/attendance`, { attended: reyesInvitation.id }, trainer.cookie);
		expect(marked.status).toBe(200);
		expect(await marked.text()).toContain('Marked 1 as present');
		// Sent twice (a second tab, a double click): still one touchpoint.
		await postForm(server, `/providers/events/${eventId}?/attendance`, { attended: reyesInvitation.id }, trainer.cookie);

		const practice = await storedPractice(trainer);
		const logged = practice.touchpoints.filter((t) => t.providerId === reyes);
		expect(logged).toEqual([
			expect.objectContaining({ kind: 'event_attended', date: today, source: 'event', outcome: 'Came to Lunch & Learn at their office: Falls prevention.' })
		]);
		expect(followUpOf(practice, reyes)).toMatchObject({ due: addDays(today, 7), kind: 'call', note: 'Follow up on the event they came to.' });
		expect(practice.providers.find((p) => p.id === reyes)?.stage).toBe('meeting_held');
		expect(practice.touchpoints.filter((t) => t.providerId === lee)).toEqual([]);
		expect((await invitationRows(eventId)).find((r) => r.id === reyesInvitation.id)?.attendedTouchpointId).toBe(logged[0]!.id);

		const foreign = await postForm(server, `/providers/events/${eventId}?/attendance`, { attended: 'another-events-invitation' }, trainer.cookie);
		expect(foreign.status).toBe(400);
		expect(await foreign.text()).toContain('Tick providers invited to this event only.');
	});

	it('is refused before the day of the event', async () => {
		const { trainer, reyes } = await trainerWithDirectory();
		const eventId = await planEvent(trainer, { date: addDays(today, 3) });
		await invite(trainer, eventId, [reyes]);
		const [row] = await invitationRows(eventId);
		const early = await postForm(server, `/providers/events/${eventId}?/attendance`, { attended: row!.id }, trainer.cookie);
		expect(early.status).toBe(400);
		expect(await early.text()).toContain('Mark who came on the day of the event or after it.');
		expect((await storedPractice(trainer)).touchpoints).toEqual([]);
	});
});

describe('a visit to a client’s appointment', () => {
	/** A client whose consent names Dr Ana Reyes (and not Sam Lee), with a progress log holding a measure. */
	async function clientNamingReyes() {
		const { trainer, reyes, lee } = await trainerWithDirectory();
		const clientId = await addClient(server, trainer, 'Carla Client');
		const client = await acceptAsNewClient(server, await inviteClient(server, trainer, clientId));
		const signed = await signConsentWith(server, client, clientId, {
			clientName: 'Carla Client',
			trainer,
			coEditing: false,
			providers: ['Dr Ana Reyes, Physician, Riverside Orthopaedics']
		});
		expect(signed.status).toBe(303);
		const logId = await createDocumentOfKind(server, trainer, clientId, 'progress_log');
		const log = connectPeer(server, documentName(logId), trainer.token);
		peers.push(log);
		await within(log.synced, 10_000, 'the progress log to sync');
		addMeasurement(log.doc, { id: 'm1', date: addDays(today, -30), measure: 'timed_up_and_go', unit: 's', values: { value: 13.4 } });
		addMeasurement(log.doc, { id: 'm2', date: today, measure: 'timed_up_and_go', unit: 's', values: { value: 10.9 } });
		await allSaved(log);
		return { trainer, client, clientId, reyes, lee };
	}

	type VisitsPage = { visits: { id: string; providerName: string; brief: { ok: boolean; reason?: string } }[] };

	async function record(trainer: SignedIn, clientId: string, fields: Record<string, string>) {
		return submitAction<{ recorded?: { id: string }; errors?: Record<string, string> }>(server, `/clients/${clientId}/visits?/record`, fields, trainer.cookie);
	}

	it('logs the touchpoint with its client, and gives the brief (audited) while consent names the provider', async () => {
		const { trainer, client, clientId, reyes } = await clientNamingReyes();
		const recorded = await record(trainer, clientId, {
			directoryProviderId: reyes,
			date: today,
			questions: 'Any restriction on stairs?\n\n- Can she lift 5 kg?'
		});
		expect(recorded.type).toBe('success');
		const visitId = recorded.type === 'success' ? recorded.data.recorded!.id : '';

		const practice = await storedPractice(trainer);
		expect(practice.touchpoints).toEqual([
			expect.objectContaining({
				providerId: reyes,
				kind: 'client_appointment',
				clientId,
				source: 'client_visit',
				outcome: 'Attended Carla Client’s appointment.'
			})
		]);
		expect(followUpOf(practice, reyes)).toMatchObject({ due: addDays(today, 2), kind: 'thank_you' });

		const page = await pageData<VisitsPage>(server, `/clients/${clientId}/visits`, trainer.cookie);
		expect(page.visits).toEqual([{ id: visitId, providerName: 'Dr Ana Reyes', date: today, questions: expect.any(String), brief: { ok: true } }]);

		const pdf = await fetch(`${server.url}/clients/${clientId}/visits/${visitId}/pdf`, { headers: { cookie: trainer.cookie } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const bytes = Buffer.from(await pdf.arrayBuffer());
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		// One page, tagged, with the summary, the measures from the covered log and the questions.
		const read = await getDocumentProxy(new Uint8Array(bytes));
		expect(read.numPages).toBe(1);
		expect((await read.getMetadata()).info).toMatchObject({ Title: 'Visit brief — Carla Client' });
		const content = await (await read.getPage(1)).getTextContent();
		const shown = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
		for (const expected of [
			'Visit brief: Carla Client',
			'Client summary',
			'Timed up-and-go',
			'13.4',
			'10.9',
			'Questions for Dr Ana Reyes',
			'Any restriction on stairs?',
			'Can she lift 5 kg?'
		]) {
			expect(shown).toContain(expected);
		}
		expect(shown).not.toContain('- Can she');
		expect(await (await read.getPage(1)).getStructTree()).toBeTruthy();

		const trail = await readDirectly(server, (db) => db.select().from(auditLog).where(eq(auditLog.clientId, clientId)));
		expect(trail.filter((row) => row.event === 'visit-brief')).toMatchObject([{ detail: 'for Dr Ana Reyes' }]);

		// The brief is the trainer's to produce: the client is sent to their own page, and nothing is audited.
		const asClient = await fetch(`${server.url}/clients/${clientId}/visits/${visitId}/pdf`, { headers: { cookie: client.cookie }, redirect: 'manual' });
		expect(asClient.status).toBe(303);
		expect(asClient.headers.get('location')).toBe('/my');

		// Consent revoked: the brief is refused, with the reason, and nothing more is audited.
		expect((await revokeConsent(server, client, clientId)).status).toBeLessThan(400);
		const refused = await fetch(`${server.url}/clients/${clientId}/visits/${visitId}/pdf`, { headers: { cookie: trainer.cookie, accept: 'text/html' } });
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('The client has revoked their consent, so nothing of theirs may be shared.');
		const after = await readDirectly(server, (db) => db.select().from(auditLog).where(eq(auditLog.clientId, clientId)));
		expect(after.filter((row) => row.event === 'visit-brief')).toHaveLength(1);
	});

	it('refuses the brief for a provider the consent does not name, saying whom it names', async () => {
		const { trainer, clientId, lee } = await clientNamingReyes();
		const recorded = await record(trainer, clientId, { directoryProviderId: lee, date: today, questions: '' });
		const visitId = recorded.type === 'success' ? recorded.data.recorded!.id : '';
		const page = await pageData<VisitsPage>(server, `/clients/${clientId}/visits`, trainer.cookie);
		expect(page.visits[0]?.brief).toEqual({
			ok: false,
			reason: 'The client’s consent names only these providers: Dr Ana Reyes. Ask them to add this provider.'
		});
		const pdf = await fetch(`${server.url}/clients/${clientId}/visits/${visitId}/pdf`, { headers: { cookie: trainer.cookie, accept: 'text/html' } });
		expect(pdf.status).toBe(403);
		// The appointment is still on Sam Lee's timeline: it happened, whatever may be disclosed.
		expect((await storedPractice(trainer)).touchpoints).toMatchObject([{ providerId: lee, kind: 'client_appointment' }]);
	});

	it('refuses bad input with a message per field and records nothing', async () => {
		const { trainer, clientId, reyes } = await clientNamingReyes();
		const bad = await record(trainer, clientId, { directoryProviderId: '', date: 'soon', questions: 'q'.repeat(2001) });
		expect(bad.type).toBe('failure');
		expect(bad.type === 'failure' && bad.data.errors).toEqual({
			directoryProviderId: 'Choose the provider from your directory.',
			date: `Enter a real date, such as ${today}.`,
			questions: 'The questions can be at most 2,000 characters.'
		});
		const gone = await record(trainer, clientId, { directoryProviderId: 'gone', date: today });
		expect(gone.type === 'failure' && gone.data.errors?.directoryProviderId).toBe('That provider is no longer in your directory. Choose again.');
		expect((await pageData<VisitsPage>(server, `/clients/${clientId}/visits`, trainer.cookie)).visits).toEqual([]);
		expect((await storedPractice(trainer)).touchpoints).toEqual([]);
		// Another trainer reaches neither the page nor its form.
		const other = await signUpTrainer(server);
		expect((await record(other, clientId, { directoryProviderId: reyes, date: today })).type).toBe('error');
	});
});
