import { deserialize } from '$app/forms';

/**
 * Forms sent while offline, kept in IndexedDB until the server takes them. Each carries the id of
 * the record it creates, chosen on the device when the form was shown, and the server's action is
 * idempotent on that id: sending an entry twice (two tabs, a reply lost on the way) creates one
 * record. Kept per person, under the prefix signing out clears.
 */

export type OutboxKind = 'client' | 'document';

export interface OutboxEntry {
	/** The id of the record the form creates. */
	id: string;
	kind: OutboxKind;
	/** The form action, as path and query: "/clients?/addClient". */
	action: string;
	fields: Array<[string, string]>;
	/** What the person typed that names it: "Marta Tippo", "Progress log". */
	label: string;
	/** The page that lists it while it waits: "/clients", "/clients/<id>". */
	scope: string;
	createdAt: number;
	status: 'waiting' | 'refused';
	/** Why the server refused it, in its own words. */
	message?: string;
}

const STORE = 'entries';
/** Fields and labels are small; a bound keeps a runaway loop from filling the device. */
const MAX_ENTRIES = 200;
const MAX_FIELD_CHARS = 10_000;

export function outboxDatabaseName(userId: string): string {
	return `bridgework/${userId}/outbox`;
}

function open(userId: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(outboxDatabaseName(userId), 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

async function run<T>(userId: string, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open(userId);
	try {
		return await new Promise<T>((resolve, reject) => {
			const transaction = db.transaction(STORE, mode);
			const request = work(transaction.objectStore(STORE));
			// Resolved when the transaction commits: "kept" means on the device's disk.
			transaction.oncomplete = () => resolve(request.result);
			transaction.onerror = () => reject(transaction.error);
			transaction.onabort = () => reject(transaction.error);
		});
	} finally {
		db.close();
	}
}

export async function listOutbox(userId: string): Promise<OutboxEntry[]> {
	const entries = await run<OutboxEntry[]>(userId, 'readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>);
	return entries.sort((a, b) => a.createdAt - b.createdAt);
}

export class OutboxFullError extends Error {
	constructor() {
		super(`At most ${MAX_ENTRIES} forms wait to be sent; send or discard some first.`);
	}
}

export async function putOutbox(userId: string, entry: OutboxEntry): Promise<void> {
	if (entry.fields.some(([key, value]) => key.length > 100 || value.length > MAX_FIELD_CHARS)) throw new RangeError('A field is too long to keep.');
	const count = await run<number>(userId, 'readonly', (store) => store.count());
	if (count >= MAX_ENTRIES) throw new OutboxFullError();
	await run(userId, 'readwrite', (store) => store.put(entry));
}

export async function removeOutbox(userId: string, id: string): Promise<void> {
	await run(userId, 'readwrite', (store) => store.delete(id));
}

export type SendOutcome =
	{ kind: 'done'; location: string } | { kind: 'refused'; message: string } | { kind: 'later'; reason: 'offline' | 'signed-out' | 'server' };

function firstMessage(data: unknown): string {
	if (data && typeof data === 'object') {
		const record = data as Record<string, unknown>;
		for (const key of ['errors', 'editErrors']) {
			const errors = record[key];
			if (errors && typeof errors === 'object') {
				const first = Object.values(errors as Record<string, unknown>).find((value) => typeof value === 'string');
				if (typeof first === 'string') return first;
			}
		}
		if (typeof record.message === 'string') return record.message;
	}
	return 'The server refused this form.';
}

/** Sends one entry as its form would have been sent. */
export async function sendEntry(entry: OutboxEntry): Promise<SendOutcome> {
	let response: Response;
	try {
		response = await fetch(entry.action, {
			method: 'POST',
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams(entry.fields)
		});
	} catch {
		return { kind: 'later', reason: 'offline' };
	}
	let result;
	try {
		result = deserialize(await response.text());
	} catch {
		return { kind: 'later', reason: 'server' };
	}
	if (result.type === 'redirect') {
		return result.location.startsWith('/signin') ? { kind: 'later', reason: 'signed-out' } : { kind: 'done', location: result.location };
	}
	if (result.type === 'success') return { kind: 'done', location: entry.scope };
	if (result.type === 'failure' && result.status < 500) return { kind: 'refused', message: firstMessage(result.data) };
	if (result.type === 'error' && result.status !== undefined && result.status < 500) {
		return { kind: 'refused', message: 'Where this was to be added no longer exists (deleted or archived meanwhile).' };
	}
	return { kind: 'later', reason: 'server' };
}
