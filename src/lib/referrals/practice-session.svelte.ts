import { createContext } from 'svelte';
import { practiceNameFor } from '$lib/shared/collab/document-name.ts';
import { systemClock, todayOf, type Clock, type IsoDate } from '$lib/shared/referrals/dates.ts';
import { emptyPractice, readPractice } from '$lib/shared/referrals/practice-doc.ts';
import type { Practice } from '$lib/shared/referrals/types.ts';
import { CollabSession, colorFor } from '$lib/sync/collab-session.svelte.ts';

/** Past this, an empty local copy is shown as empty even if the server has not answered yet. */
const FIRST_SYNC_PATIENCE_MS = 3000;
const TODAY_REFRESH_MS = 60_000;

/**
 * A trainer's practice on this device: the Y.Doc "practice:<trainerId>" kept in IndexedDB and synced
 * through /collab by the same CollabSession documents use, read into plain data whenever it changes.
 * Pages read `practice`; they write through the functions of $lib/shared/referrals/practice-doc.ts on `doc`.
 */
export class PracticeSession {
	readonly collab: CollabSession;
	#practice = $state.raw<Practice>(emptyPractice());
	#today = $state<IsoDate>('');
	#everSynced = $state(false);
	#patienceOver = $state(false);
	readonly #teardown: Array<() => void> = [];

	/** False until there is something true to show: the local copy, and the server's or a timeout. */
	readonly loaded = $derived.by(
		() => this.collab.localReady && (this.#everSynced || this.#patienceOver || this.collab.state === 'offline' || this.#practice.providers.length > 0)
	);

	constructor(trainer: { id: string; name: string }, clock: Clock = systemClock) {
		this.collab = new CollabSession(practiceNameFor(trainer.id), { userId: trainer.id, name: trainer.name, color: colorFor(trainer.id) });
		const doc = this.collab.doc;
		const refresh = () => (this.#practice = readPractice(doc));
		doc.on('update', refresh);
		void this.collab.local.whenSynced.then(refresh);
		const onSynced = ({ state }: { state: boolean }) => {
			if (state) this.#everSynced = true;
		};
		this.collab.provider.on('synced', onSynced);

		this.#today = todayOf(clock);
		// A page left open overnight moves on to the new day's follow-ups by itself.
		const tick = setInterval(() => (this.#today = todayOf(clock)), TODAY_REFRESH_MS);
		const patience = setTimeout(() => (this.#patienceOver = true), FIRST_SYNC_PATIENCE_MS);
		this.#teardown.push(() => {
			doc.off('update', refresh);
			this.collab.provider.off('synced', onSynced);
			clearInterval(tick);
			clearTimeout(patience);
		});
	}

	get doc() {
		return this.collab.doc;
	}

	get practice(): Practice {
		return this.#practice;
	}

	get today(): IsoDate {
		return this.#today;
	}

	destroy(): void {
		for (const undo of this.#teardown) undo();
		this.collab.destroy();
	}
}

/** The providers pages share one session, opened by their layout. */
export const [getPracticeSession, setPracticeSession] = createContext<() => PracticeSession | null>();
