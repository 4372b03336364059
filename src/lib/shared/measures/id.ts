/**
 * A random id for an entry created in the browser. randomUUID exists only in secure contexts;
 * getRandomValues exists everywhere, so a practice served over plain HTTP on its own network
 * still works.
 */
export function newId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
