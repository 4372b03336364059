/**
 * Documents a person chose to keep "available offline" on this device. Their pages are cached by the
 * service worker now, and their text is kept current in IndexedDB whenever the app is open online.
 */
const key = (userId: string) => `bridgework:offline:${userId}`;

export function offlineDocuments(userId: string): string[] {
	try {
		const list = JSON.parse(localStorage.getItem(key(userId)) ?? '[]') as unknown;
		return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
	} catch {
		return [];
	}
}

export function isAvailableOffline(userId: string, documentId: string): boolean {
	return offlineDocuments(userId).includes(documentId);
}

export async function setAvailableOffline(userId: string, documentId: string, clientPath: string | null, keep: boolean): Promise<void> {
	const current = new Set(offlineDocuments(userId));
	if (keep) current.add(documentId);
	else current.delete(documentId);
	localStorage.setItem(key(userId), JSON.stringify([...current]));
	if (!keep) return;
	const registration = await navigator.serviceWorker?.ready;
	const urls = [`/documents/${documentId}`, `/documents/${documentId}/__data.json`];
	if (clientPath) urls.push(clientPath, `${clientPath}/__data.json`);
	registration?.active?.postMessage({ type: 'cache-pages', urls });
}

/**
 * A document this person may no longer open: its page leaves the service worker's cache and the
 * offline list, so the device neither lists nor shows it again (its text goes with its IndexedDB copy).
 */
export async function forgetOfflineDocument(userId: string, documentId: string): Promise<void> {
	const current = offlineDocuments(userId).filter((id) => id !== documentId);
	localStorage.setItem(key(userId), JSON.stringify(current));
	if (!('caches' in window)) return;
	const pages = await caches.open('bridgework-pages');
	await Promise.all([`/documents/${documentId}`, `/documents/${documentId}/__data.json`].map((url) => pages.delete(url)));
}
