/**
 * Whether this device believes it is online, as a reactive value. The browser's own idea
 * (navigator.onLine and its events) is the signal; a failed request also counts, because a
 * captive network or a dead Wi-Fi can report "online" while nothing gets through.
 */
class Connectivity {
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

	constructor() {
		// Listening from the start: reading the value (in a template) must not write state.
		if (typeof window === 'undefined') return;
		window.addEventListener('online', () => (this.#online = true));
		window.addEventListener('offline', () => (this.#online = false));
	}

	get online(): boolean {
		return this.#online;
	}

	/** A request just failed on the network: say so until the browser reports it is back. */
	lost(): void {
		this.#online = false;
	}

	/** The server answered: whatever failed before, requests get through now. */
	found(): void {
		this.#online = true;
	}
}

export const connectivity = new Connectivity();

/** True for what fetch throws when the network fails (as opposed to an answer from the server). */
export function isNetworkFailure(error: unknown): boolean {
	return (typeof navigator !== 'undefined' && !navigator.onLine) || error instanceof TypeError;
}
