/**
 * Everything Bridgework keeps on a device for one person: IndexedDB copies of documents, the pending
 * counters, the list of documents kept offline, and the service worker's page cache. Cleared on
 * sign-out so that the next person on a shared device finds nothing of it.
 */
export async function clearLocalData(userId: string): Promise<void> {
	const prefix = `bridgework/${userId}/`;
	const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
	await Promise.all(
		databases
			.map((database) => database.name)
			.filter((name): name is string => !!name && name.startsWith(prefix))
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
	for (const key of Object.keys(localStorage)) {
		if (key.startsWith('bridgework:')) localStorage.removeItem(key);
	}
	if ('caches' in window) {
		for (const key of await caches.keys()) {
			if (key === 'bridgework-pages') await caches.delete(key);
		}
	}
}
