import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { clearFirstScreen, firstScreenOf, writeFirstScreen } from './first-screen.ts';

/** Quiet this long after the last change, the first screen is written again. */
export const FIRST_SCREEN_SETTLE_MS = 1_000;

export interface FirstScreenKeeper {
	/** Resolves when what is scheduled now has been written (or there was nothing to write). */
	settled(): Promise<void>;
	/** Stops writing and deletes the stored first screen: this person may no longer read the text. */
	forget(): Promise<void>;
	stop(): void;
}

/**
 * Keeps the local copy's first screen in step with the document: rendered again once edits
 * settle, whoever made them, and written only when it changed. The renderer is loaded on the
 * first write, not with the page.
 */
export function keepFirstScreen(doc: Y.Doc, local: IndexeddbPersistence, settleMs = FIRST_SCREEN_SETTLE_MS): FirstScreenKeeper {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;
	let lastWritten: string | undefined;
	let writing: Promise<void> = Promise.resolve();
	let scheduled: Promise<void> = Promise.resolve();
	let release: (() => void) | undefined;

	const write = async () => {
		const { firstScreenHTML } = await import('./first-screen-html.ts');
		lastWritten ??= (await stored) ?? undefined;
		if (stopped) return;
		const html = firstScreenHTML(doc);
		if (html === lastWritten) return;
		await writeFirstScreen(local, html);
		lastWritten = html;
	};
	const run = () => {
		timer = undefined;
		const done = release;
		release = undefined;
		writing = writing
			.then(write)
			.catch((error: unknown) => console.warn('The first screen was not kept on this device:', error))
			.finally(() => done?.());
	};
	const schedule = () => {
		if (stopped) return;
		if (timer === undefined) scheduled = new Promise((resolve) => (release = resolve));
		clearTimeout(timer);
		timer = setTimeout(run, settleMs);
	};
	doc.on('update', schedule);
	// What is stored already is not written again when the document opens unchanged.
	const stored = local.whenSynced.then(() => firstScreenOf(local)).catch(() => null);

	const stop = () => {
		stopped = true;
		doc.off('update', schedule);
		clearTimeout(timer);
		timer = undefined;
		release?.();
	};
	return {
		settled: () => scheduled.then(() => writing),
		async forget() {
			stop();
			await writing;
			// The page may be closing meanwhile: the service worker also forgets it on the next 404.
			await clearFirstScreen(local).catch((error: unknown) => console.warn('The first screen could not be removed from this device:', error));
		},
		stop
	};
}
