/** "Firefox on Windows" from a User-Agent string: enough for a person to recognise their own devices. */
export function describeDevice(userAgent: string | null): string {
	if (!userAgent) return 'Unknown device';
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /Firefox\//.test(userAgent)
			? 'Firefox'
			: /Chrome\/|Chromium\//.test(userAgent)
				? 'Chrome'
				: /Safari\//.test(userAgent)
					? 'Safari'
					: null;
	const system = /iPhone|iPad/.test(userAgent)
		? 'iOS'
		: /Android/.test(userAgent)
			? 'Android'
			: /Windows/.test(userAgent)
				? 'Windows'
				: /Mac OS X|Macintosh/.test(userAgent)
					? 'macOS'
					: /Linux/.test(userAgent)
						? 'Linux'
						: null;
	if (browser && system) return `${browser} on ${system}`;
	return browser ?? system ?? userAgent.slice(0, 60);
}
