import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { anonymous, clientAccess, documentAccess, eventAccess, practiceAccess, userActor, type Actor } from '$server/policy.ts';
import { services } from './services.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

export function actorOf(event: Pick<RequestEvent, 'locals'>): Actor {
	return event.locals.user ? userActor(event.locals.user) : anonymous;
}

/** Where a signed-in person starts: trainers at their clients, clients at their own records. */
export function homeFor(user: { role: 'trainer' | 'client' }): string {
	return user.role === 'trainer' ? '/clients' : '/my';
}

/** Every load and every action that needs a signed-in person calls this. */
export function requireUser(event: Event) {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/signin?next=${encodeURIComponent(next)}`);
	}
	return user;
}

/** Pages of the practice itself (client list, invitations): a client is sent to their own page. */
export function requireTrainer(event: Event) {
	const user = requireUser(event);
	if (user.role !== 'trainer') redirect(303, homeFor(user));
	return user;
}

// "Not found" for both a missing record and another practice's record: the answer must not tell
// a stranger which ids exist.
export async function requireClient(event: Event, clientId: string, need: 'read' | 'write' = 'read') {
	requireUser(event);
	const { access, client } = await clientAccess(services().db, actorOf(event), clientId);
	if (!client || access === 'none' || (need === 'write' && access !== 'write')) error(404, 'Client not found');
	return { client, access };
}

export async function requireDocument(event: Event, documentId: string, need: 'read' | 'write' = 'read') {
	requireUser(event);
	const { access, document, client } = await documentAccess(services().db, actorOf(event), documentId);
	if (!document || access === 'none' || (need === 'write' && access !== 'write')) {
		error(404, 'Document not found');
	}
	// Null for a practice document, which is about no client.
	return { document, client: client ?? null, access };
}

/** A trainer's own practice: the provider directory, touchpoints and referrals. */
export function requirePractice(event: Event) {
	const user = requireUser(event);
	if (practiceAccess(actorOf(event), user.id) !== 'write') error(404, 'Not found');
	return user;
}

/** One of the trainer's events for providers; another practice's reads as not found. */
export async function requireEvent(event: Event, eventId: string) {
	const trainer = requirePractice(event);
	const { access, event: found } = await eventAccess(services().db, actorOf(event), eventId);
	if (!found || access !== 'write') error(404, 'Event not found');
	return { trainer, event: found };
}
