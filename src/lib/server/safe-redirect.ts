/** Only paths on this site: "//evil.example" and "https://…" would send a person elsewhere. */
export function safeNext(next: string | null, fallback = '/clients'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	return next;
}
