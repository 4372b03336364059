import type { Connection, connectedPayload, Extension } from '@hocuspocus/server';
import type { Clock } from '../auth/session.ts';
import type { Db } from '../db/client.ts';
import { collabAccess, type AccessSubject } from '../policy.ts';
import type { AccessChangeFeed } from './access-feed.ts';
import { decidedFields, type CollabContext } from './context.ts';
import { closeForAccessChange } from './invalidate.ts';

/** How often the feed is read and expiries are checked: the bound on "change to close". */
export const ACCESS_TICK_MS = 100;

/**
 * Access follows its grounds while a connection is open. Every tick, the subjects the database
 * reports changed (a consent re-signed, a link revoked, a session ended, a record moved…) and the
 * moments decisions said they end (validUntil) pick out the open connections to decide again,
 * with the very function onAuthenticate used. Same access: the connection stays, with the fresh
 * decision. Narrower, wider or none: it is closed with 4403 and re-authenticates to its new access.
 *
 * Expiry is checked against the clock on each tick rather than with one timer per connection:
 * setTimeout cannot wait 30 days (its limit is 24.8), and a tick also survives the wall clock
 * jumping (suspend, NTP), which a timer measured on the monotonic clock would not notice.
 */
export class AccessExtension implements Extension<CollabContext> {
	extensionName = 'access';
	readonly #db: Db;
	readonly #feed: AccessChangeFeed;
	readonly #now: Clock;
	readonly #connections = new Set<Connection<CollabContext>>();
	readonly #timer: ReturnType<typeof setInterval>;
	#failing = false;
	#ticking = false;
	/** No watched decision ends before this moment (it may be earlier than needed, never later). */
	#nextEnd = Number.POSITIVE_INFINITY;

	constructor(db: Db, feed: AccessChangeFeed, options: { tickMs?: number; now?: Clock } = {}) {
		this.#db = db;
		this.#feed = feed;
		this.#now = options.now ?? (() => Date.now());
		// unref: an idle watcher never keeps the process alive on its own.
		this.#timer = setInterval(() => void this.#tickOnce(), options.tickMs ?? ACCESS_TICK_MS).unref();
	}

	async connected({ connection }: connectedPayload<CollabContext>): Promise<void> {
		this.#connections.add(connection);
		connection.onClose(() => this.#connections.delete(connection));
		// Something may have changed between onAuthenticate's decision and now, while the document
		// loaded; the watcher could not see this connection then, so decide once more.
		await this.#decideAgain(connection, this.#now());
	}

	async onDestroy(): Promise<void> {
		this.stop();
	}

	stop(): void {
		clearInterval(this.#timer);
		this.#feed.close();
	}

	/** How many connections are being watched (for the benchmark and diagnostics). */
	get watching(): number {
		return this.#connections.size;
	}

	/** A tick still reading (a slow database) is not overtaken by the next one. */
	async #tickOnce(): Promise<void> {
		if (this.#ticking) return;
		this.#ticking = true;
		try {
			await this.#tick();
		} finally {
			this.#ticking = false;
		}
	}

	async #tick(): Promise<void> {
		let changed: Set<AccessSubject>;
		try {
			changed = new Set(await this.#feed.poll());
			this.#failing = false;
		} catch (error) {
			// Logged once per outage, not ten times a second. Expiries are still enforced below.
			if (!this.#failing) console.error('[access] reading access changes failed:', error);
			this.#failing = true;
			changed = new Set();
		}
		const now = this.#now();
		// The common tick: nothing changed and nothing ends yet; no connection needs looking at.
		if (changed.size === 0 && now < this.#nextEnd) return;
		const decisions: Array<Promise<void>> = [];
		let nextEnd = Number.POSITIVE_INFINITY;
		for (const connection of [...this.#connections]) {
			const { validUntil, subjects } = connection.context;
			const expired = validUntil !== null && validUntil <= now;
			if (expired || subjects.some((subject) => changed.has(subject))) decisions.push(this.#decideAgain(connection, now));
			else if (validUntil !== null) nextEnd = Math.min(nextEnd, validUntil);
		}
		// Those decided again note their new end themselves, as they finish.
		this.#nextEnd = nextEnd;
		await Promise.all(decisions);
	}

	async #decideAgain(connection: Connection<CollabContext>, now: number): Promise<void> {
		const context = connection.context;
		const { credentials } = context;
		// The server's own direct connections never reach `connected`; refuse to judge one anyway.
		if (credentials.kind === 'server') return;
		let decision: Awaited<ReturnType<typeof collabAccess>>;
		try {
			decision = await collabAccess(this.#db, credentials, context.target, () => now);
		} catch (error) {
			// Unable to decide means not allowed: closed, and the reconnect asks again.
			console.error('[access] deciding a live connection again failed; closing it:', error);
			this.#close(connection);
			return;
		}
		const endsNow = decision.access !== 'none' && decision.validUntil !== null && decision.validUntil <= now;
		if (decision.access !== context.access || endsNow) {
			this.#close(connection);
			return;
		}
		if (decision.access !== 'none') {
			Object.assign(context, decidedFields(decision));
			if (decision.validUntil !== null) this.#nextEnd = Math.min(this.#nextEnd, decision.validUntil);
		}
	}

	#close(connection: Connection<CollabContext>): void {
		this.#connections.delete(connection);
		try {
			closeForAccessChange(connection);
		} catch (error) {
			// A socket already gone cannot be closed twice; the others in this tick still must be.
			console.error('[access] closing a connection failed:', error);
		}
	}
}
