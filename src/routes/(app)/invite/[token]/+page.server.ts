import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '$server/auth/password.ts';
import { createSession, generateSessionToken } from '$server/auth/session.ts';
import { acceptInvitation, findPendingInvitation, InvitationUnavailableError } from '$server/consent/invitations.ts';
import { users } from '$server/db/schema.ts';
import { createUser, EmailTakenError } from '$server/practice/users.ts';
import { eq } from 'drizzle-orm';
import { echo, readForm, parseForm, type FieldErrors } from '$lib/shared/forms/parse.ts';
import { services } from '$lib/server/services.ts';
import { setSessionCookie } from '$lib/server/session-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

const NOT_VALID = 'This invitation link has expired, has been used or was withdrawn. Ask your trainer for a new one; nothing was created.';

const ClientAccount = z.object({
	name: z.string().min(1, 'Enter your name.').max(120, 'Your name can be at most 120 characters.'),
	email: z.email('Enter an email address such as name@example.com.').max(254),
	password: z
		.string()
		.min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
		.max(MAX_PASSWORD_LENGTH, `A password can be at most ${MAX_PASSWORD_LENGTH} characters.`)
});

async function pending(token: string) {
	const found = await findPendingInvitation(services().db, token);
	if (!found) error(410, NOT_VALID);
	return found;
}

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' });
	const { client } = await pending(params.token);
	const [trainer] = await services()
		.db.select({ name: users.name, practiceName: users.practiceName })
		.from(users)
		.where(eq(users.id, client.trainerId))
		.limit(1);
	return {
		clientName: client.name,
		clientEmail: client.email,
		trainerName: trainer?.name ?? 'Your trainer',
		practiceName: trainer?.practiceName ?? null,
		signedInAs: locals.user ? { name: locals.user.name, role: locals.user.role } : null
	};
};

async function createAccount(event: Parameters<Actions[string]>[0]) {
	const { params, request, cookies, url } = event;
	await pending(params.token);
	const values = readForm(await request.formData());
	const parsed = parseForm(ClientAccount, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(values) });

	const { db } = services();
	const passwordHash = await hashPassword(parsed.data.password);
	let linked: { userId: string; clientId: string };
	try {
		// The account and the link are created together or not at all.
		linked = await db.transaction(async (tx) => {
			const user = await createUser(tx, { ...parsed.data, passwordHash, role: 'client' });
			return { userId: user.id, clientId: await acceptInvitation(tx, params.token, user.id) };
		});
	} catch (caught) {
		if (caught instanceof EmailTakenError) {
			return fail(400, {
				errors: { email: 'An account with this email already exists: sign in to accept the invitation with it.' } as FieldErrors,
				values: echo(values)
			});
		}
		if (caught instanceof InvitationUnavailableError) error(410, NOT_VALID);
		throw caught;
	}
	const token = generateSessionToken();
	const session = await createSession(db, token, linked.userId);
	setSessionCookie(cookies, url, token, session.expiresAt);
	redirect(303, `/my/consent/${linked.clientId}`);
}

async function acceptSignedIn(event: Parameters<Actions[string]>[0]) {
	const user = event.locals.user;
	if (!user) redirect(303, `/signin?next=${encodeURIComponent(event.url.pathname)}`);
	if (user.role !== 'client') {
		return fail(400, { message: 'Trainer accounts cannot accept a client invitation. Sign out, then open the link again.' });
	}
	try {
		const clientId = await acceptInvitation(services().db, event.params.token, user.id);
		redirect(303, `/my/consent/${clientId}`);
	} catch (caught) {
		if (caught instanceof InvitationUnavailableError) error(410, NOT_VALID);
		throw caught;
	}
}

export const actions: Actions = { createAccount, accept: acceptSignedIn };
