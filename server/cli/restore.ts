// `npm run restore FILE`: replaces the database in DATA_DIR with a backup, after checking the
// backup (integrity, every document decodes) and again after copying it. Stop the server first.
import fs from 'node:fs';
import path from 'node:path';
import { BackupError, verifyDatabaseFile } from '../db/backup.ts';
import { DATABASE_FILE } from '../db/client.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { runningServerPid } from '../db/server-lock.ts';

function moveAside(dataDir: string, now: Date): string | null {
	const target = path.join(dataDir, DATABASE_FILE);
	const files = [target, `${target}-wal`, `${target}-shm`].filter((file) => fs.existsSync(file));
	if (files.length === 0) return null;
	// The WAL may hold commits the main file does not: the three files are kept together.
	const aside = path.join(dataDir, `replaced-${now.toISOString().replaceAll(':', '-')}`);
	fs.mkdirSync(aside);
	for (const file of files) fs.renameSync(file, path.join(aside, path.basename(file)));
	return aside;
}

try {
	const source = process.argv[2];
	if (!source) throw new BackupError('Name the backup to restore: npm run restore <backup file>.');
	const config = loadConfig();
	const pid = runningServerPid(config.dataDir);
	if (pid !== null) throw new BackupError(`Bridgework is running on ${config.dataDir} (process ${pid}): stop it before restoring.`);
	const backup = verifyDatabaseFile(path.resolve(source));
	fs.mkdirSync(config.dataDir, { recursive: true });
	const target = path.join(config.dataDir, DATABASE_FILE);
	const partial = `${target}.restoring`;
	fs.copyFileSync(backup.file, partial);
	const handle = fs.openSync(partial, 'r+');
	fs.fsyncSync(handle);
	fs.closeSync(handle);
	const aside = moveAside(config.dataDir, new Date());
	fs.renameSync(partial, target);
	const restored = verifyDatabaseFile(target);
	if (restored.documents !== backup.documents || restored.practices !== backup.practices) {
		throw new BackupError(`The restored copy at ${target} differs from ${backup.file}; the previous database is in ${aside ?? 'no folder (there was none)'}.`);
	}
	console.log(
		`Restored ${restored.documents} documents and ${restored.practices} practices from ${backup.file} into ${target} (integrity ok).` +
			(aside ? ` The database it replaced is kept in ${aside}.` : '')
	);
} catch (error) {
	console.error(
		error instanceof BackupError || error instanceof ConfigError
			? error.message
			: `The restore failed: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}
