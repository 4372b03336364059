import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleReason, writeStamp } from './stamp.ts';

let root: string;

function write(file: string, mtimeMs: number): void {
	const full = path.join(root, file);
	fs.mkdirSync(path.dirname(full), { recursive: true });
	fs.writeFileSync(full, 'x');
	fs.utimesSync(full, mtimeMs / 1000, mtimeMs / 1000);
}

const BUILT = Date.parse('2026-01-01T12:00:00Z');

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-stamp-'));
	write('src/routes/+page.svelte', BUILT - 60_000);
	write('server/practice/clients.ts', BUILT - 60_000);
	write('server/index.ts', BUILT - 60_000);
	write('package-lock.json', BUILT - 60_000);
	write('build/handler.js', BUILT + 30_000);
	writeStamp(root, { startedAt: BUILT, inputs: ['server/practice/clients.ts'] });
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('staleReason', () => {
	it('is null for a build newer than every source', () => {
		expect(staleReason(root)).toBeNull();
	});

	it('ignores a server file the bundle does not hold', () => {
		write('server/index.ts', BUILT + 60_000);
		expect(staleReason(root)).toBeNull();
	});

	it('names a bundled server file changed since', () => {
		write('server/practice/clients.ts', BUILT + 60_000);
		expect(staleReason(root)).toBe('server/practice/clients.ts changed after the build');
	});

	it('counts a new route, which no bundle lists yet', () => {
		write('src/routes/export/+page.svelte', BUILT + 1);
		expect(staleReason(root)).toBe('src/routes/export/+page.svelte changed after the build');
	});

	it('counts a changed lock file, and a source saved while the build ran', () => {
		write('package-lock.json', BUILT + 10);
		expect(staleReason(root)).toContain('package-lock.json');
	});

	it('rebuilds when a bundled file is gone, the build is missing, or it has no stamp', () => {
		fs.rmSync(path.join(root, 'server/practice/clients.ts'));
		expect(staleReason(root)).toBe('server/practice/clients.ts was part of the build and is gone');
		fs.rmSync(path.join(root, 'build/.bridgework-build.json'));
		expect(staleReason(root)).toContain('has no stamp');
		fs.rmSync(path.join(root, 'build/handler.js'));
		expect(staleReason(root)).toBe('there is no build yet');
	});
});
