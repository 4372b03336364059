import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainerWithDocument } from './helpers/accounts.ts';
import { startServer, startServerExpectingFailure, temporaryDataDir } from './helpers/server.ts';
import { databaseFile } from './helpers/stored.ts';

// Start-up refuses a SQLite database it cannot trust (a damaged page, a foreign header, an empty
// file, a data folder another server holds), and every failure is one sentence a person can act
// on: the path, what is wrong, what to do. Never a stack trace. What holds on every database is in
// startup.test.ts.

async function storedDatabase(): Promise<string> {
	const dataDir = temporaryDataDir();
	const server = await startServer({ dataDir });
	await trainerWithDocument(server);
	expect(await server.stop()).toBe(0);
	return dataDir;
}

function expectOneSentence(output: string): void {
	const lines = output.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(output).not.toMatch(/^\s+at /m);
	expect(output).not.toContain('SqliteError');
}

describe('start-up on SQLite', () => {
	it('refuses a database with a damaged page, naming the file and the restore', async () => {
		const dataDir = await storedDatabase();
		const file = databaseFile(dataDir);
		const pageSize = 4096;
		const pages = fs.statSync(file).size / pageSize;
		expect(pages).toBeGreaterThan(4);
		// Overwrite one page in the middle, as a failing disk or a stray write would.
		const handle = fs.openSync(file, 'r+');
		fs.writeSync(handle, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * Math.floor(pages / 2));
		fs.closeSync(handle);

		const { code, output } = await startServerExpectingFailure({ dataDir });
		expect(code).toBe(1);
		expect(output).toContain(file);
		expect(output).toContain('is damaged');
		expect(output).toContain('npm run restore');
		expectOneSentence(output);
	});

	it('refuses a database file whose header is not SQLite’s', async () => {
		const dataDir = await storedDatabase();
		const file = databaseFile(dataDir);
		const handle = fs.openSync(file, 'r+');
		fs.writeSync(handle, Buffer.from('this is not a database, it was overwritten'), 0, undefined, 0);
		fs.closeSync(handle);

		const { code, output } = await startServerExpectingFailure({ dataDir });
		expect(code).toBe(1);
		expect(output).toContain(`The database file ${file} is damaged`);
		expectOneSentence(output);
	});

	it('refuses an empty (0-byte) database file instead of starting a new, empty database', async () => {
		const dataDir = await storedDatabase();
		const file = databaseFile(dataDir);
		fs.truncateSync(file, 0);

		const { code, output } = await startServerExpectingFailure({ dataDir });
		expect(code).toBe(1);
		expect(output).toContain(`The database file ${file} is empty (0 bytes)`);
		expect(output).toContain('npm run restore');
		expectOneSentence(output);
		expect(fs.statSync(file).size).toBe(0);
	});

	it('refuses to start a second server on a data folder a running server uses', async () => {
		const dataDir = temporaryDataDir();
		const first = await startServer({ dataDir });
		try {
			const second = await startServerExpectingFailure({ dataDir });
			expect(second.code).toBe(1);
			expect(second.output).toContain(`Another Bridgework server (process ${first.process.pid}) is using ${dataDir}`);
			expectOneSentence(second.output);
		} finally {
			await first.stop();
		}
	});
});
