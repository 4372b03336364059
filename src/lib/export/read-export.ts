/**
 * Reads the practice export's progress lines (see routes/(app)/settings/export/download) and saves
 * the ZIP they end with, reporting each step.
 */
export type ExportState =
	{ phase: 'preparing'; done: number; total: number } | { phase: 'ready'; name: string; size: string } | { phase: 'failed'; message: string };

type Line = { done: number; total: number } | { name: string; zip: string } | { error: string };

const OFFLINE = 'The export needs a connection to the server. Nothing was changed; try again once you are online.';

function megabytes(bytes: number): string {
	return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function save(name: string, base64: string): number {
	const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
	const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
	const link = Object.assign(document.createElement('a'), { href: url, download: name });
	link.click();
	// The download has taken the blob by the time the click returns; a minute is generous.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return bytes.byteLength;
}

export async function readExport(url: string, onProgress: (state: ExportState) => void): Promise<ExportState> {
	let response: Response;
	try {
		response = await fetch(url, { headers: { accept: 'application/x-ndjson' } });
	} catch {
		return { phase: 'failed', message: OFFLINE };
	}
	if (!response.ok || !response.body) return { phase: 'failed', message: 'The export could not be prepared. Nothing was changed; try again in a moment.' };
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffered = '';
	for (;;) {
		let chunk: ReadableStreamReadResult<string>;
		try {
			chunk = await reader.read();
		} catch {
			return { phase: 'failed', message: OFFLINE };
		}
		const { value, done } = chunk;
		if (value) buffered += value;
		let newline: number;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			const line = JSON.parse(buffered.slice(0, newline)) as Line;
			buffered = buffered.slice(newline + 1);
			if ('error' in line) return { phase: 'failed', message: line.error };
			if ('zip' in line) return { phase: 'ready', name: line.name, size: megabytes(save(line.name, line.zip)) };
			onProgress({ phase: 'preparing', done: line.done, total: line.total });
		}
		if (done) return { phase: 'failed', message: OFFLINE };
	}
}
