import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerExpectingFailure, temporaryDataDir } from './helpers/server.ts';

// Every start-up failure is one sentence a person can act on: the path, what is wrong, what to do.
// Never a stack trace. SQLite's own refusals (a damaged database file) are in startup.sqlite.test.ts.

function expectOneSentence(output: string): void {
	const lines = output.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(output).not.toMatch(/^\s+at /m);
}

describe('start-up', () => {
	it('says so in one sentence when DATA_DIR is a file, or a folder nobody may write', async () => {
		const notAFolder = path.join(temporaryDataDir(), 'a-file');
		fs.writeFileSync(notAFolder, 'hello');
		const file = await startServerExpectingFailure({ dataDir: notAFolder });
		expect(file.code).toBe(1);
		expect(file.output).toContain(`DATA_DIR ${notAFolder} is not a folder`);
		expectOneSentence(file.output);

		// sysfs refuses writes even to root, who passes every permission check elsewhere.
		const readOnly = await startServerExpectingFailure({ dataDir: '/sys/bridgework' });
		expect(readOnly.code).toBe(1);
		expect(readOnly.output).toContain('/sys/bridgework');
		expect(readOnly.output).toMatch(/permission denied|not writable/);
		expectOneSentence(readOnly.output);

		const unwritable = await startServerExpectingFailure({ dataDir: '/sys/fs' });
		expect(unwritable.code).toBe(1);
		expect(unwritable.output).toContain('/sys/fs');
		expectOneSentence(unwritable.output);
	});
});
