/**
 * How many edits on this device the server has not confirmed, per person and document. Kept in
 * localStorage so that "3 unsynced changes" survives closing the tab while offline; the edits
 * themselves are in IndexedDB.
 */
const PREFIX = 'bridgework:pending:';

function read(key: string): number {
	const value = Number(localStorage.getItem(key));
	return Number.isFinite(value) && value > 0 ? value : 0;
}

export function pendingEdits(userId: string, documentName: string) {
	const key = `${PREFIX}${userId}:${documentName}`;
	return {
		count: () => read(key),
		add: () => {
			const next = read(key) + 1;
			localStorage.setItem(key, String(next));
			return next;
		},
		clear: () => {
			localStorage.removeItem(key);
			return 0;
		}
	};
}

/** All unconfirmed edits of one person on this device: what signing out would throw away. */
export function pendingEditsOf(userId: string): number {
	let total = 0;
	for (let i = 0; i < localStorage.length; i++) {
		const key = localStorage.key(i);
		if (key?.startsWith(`${PREFIX}${userId}:`)) total += read(key);
	}
	return total;
}
