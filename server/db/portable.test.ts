import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(folder: string): string[] {
	return fs
		.readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
		.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('queries above the data layer', () => {
	// drizzle's .get(), .all() and .run() exist only on SQLite's synchronous driver: code that called
	// them would pass every SQLite test and fail on PostgreSQL. The data layer (server/db/), the
	// command-line tools that read a SQLite file as such (server/cli/) and raw better-sqlite3
	// statements (.prepare(…)) are SQLite's own and may.
	it('await their queries instead of calling SQLite-only .get(), .all() or .run()', () => {
		const offending: string[] = [];
		// Server-side code only: the editor's Tiptap chains end in .run() too.
		const serverSide = sources('src').filter((file) => /(\.server\.ts|\+server\.ts)$|[\\/]server[\\/]/.test(file));
		for (const file of [...sources('server'), ...serverSide]) {
			if (file.startsWith(`server${path.sep}db${path.sep}`) || file.startsWith(`server${path.sep}cli${path.sep}`)) continue;
			const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
			text.split('\n').forEach((line, index) => {
				if (/\.(get|all|run)\(\)/.test(line) && !line.includes('.prepare(')) offending.push(`${file}:${index + 1}: ${line.trim()}`);
			});
		}
		expect(offending).toEqual([]);
	});
});
