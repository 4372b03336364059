import { invalidateAll } from '$app/navigation';
import { connectivity } from './connectivity.svelte.ts';
import { listOutbox, putOutbox, removeOutbox, sendEntry, type OutboxEntry } from './outbox.ts';

/** How often what waits is tried again, whether or not the browser said it is back online. */
const RETRY_MS = 3000;

/**
 * The outbox of one person on this device, as reactive state: pages list what waits, forms add to
 * it, and it sends itself when the app opens online and whenever the connection returns.
 */
export class Outbox {
	readonly userId: string;
	entries = $state.raw<OutboxEntry[]>([]);
	sending = $state(false);
	/** Why the last attempt stopped short, for the waiting list to say. */
	stalled = $state<'offline' | 'signed-out' | 'server' | null>(null);
	#started = false;
	#again = false;

	constructor(userId: string) {
		this.userId = userId;
	}

	/** Loads what waits and starts sending; called once by the workspace layout. */
	start(): () => void {
		const onOnline = () => void this.flush();
		if (!this.#started) {
			this.#started = true;
			void this.refresh().then(() => this.flush());
		}
		window.addEventListener('online', onOnline);
		// The 'online' event is not a promise: a page loaded while offline may never get it (seen in
		// Chromium), and a network that answers again sends none. While something waits, try again.
		const retry = setInterval(() => {
			if (!this.sending && this.entries.some((entry) => entry.status === 'waiting')) void this.flush();
		}, RETRY_MS);
		return () => {
			window.removeEventListener('online', onOnline);
			clearInterval(retry);
		};
	}

	waitingIn(scope: string, kind: OutboxEntry['kind']): OutboxEntry[] {
		return this.entries.filter((entry) => entry.scope === scope && entry.kind === kind);
	}

	async refresh(): Promise<void> {
		this.entries = await listOutbox(this.userId);
	}

	async add(entry: Omit<OutboxEntry, 'createdAt' | 'status'>): Promise<void> {
		await putOutbox(this.userId, { ...entry, createdAt: Date.now(), status: 'waiting' });
		await this.refresh();
	}

	async discard(id: string): Promise<void> {
		await removeOutbox(this.userId, id);
		await this.refresh();
	}

	/** Sends what waits, oldest first; stops at the first entry that must wait longer. */
	async flush(): Promise<void> {
		if (this.sending) {
			this.#again = true;
			return;
		}
		this.sending = true;
		let changed = false;
		try {
			do {
				this.#again = false;
				for (const entry of await listOutbox(this.userId)) {
					if (entry.status !== 'waiting') continue;
					if (!navigator.onLine) {
						this.stalled = 'offline';
						return;
					}
					const outcome = await sendEntry(entry);
					if (outcome.kind === 'later') {
						this.stalled = outcome.reason;
						if (outcome.reason === 'offline') connectivity.lost();
						return;
					}
					this.stalled = null;
					changed = true;
					if (outcome.kind === 'done') await removeOutbox(this.userId, entry.id);
					else await putOutbox(this.userId, { ...entry, status: 'refused', message: outcome.message });
				}
			} while (this.#again);
		} finally {
			this.sending = false;
			await this.refresh();
			// The lists on screen come from the server: fetch them again with what was just added.
			if (changed) await invalidateAll();
		}
	}
}

const outboxes = new Map<string, Outbox>();

export function outboxFor(userId: string): Outbox {
	let outbox = outboxes.get(userId);
	if (!outbox) outboxes.set(userId, (outbox = new Outbox(userId)));
	return outbox;
}
