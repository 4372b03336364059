// `npm run backup [FOLDER]`: a consistent copy of the database while the server runs and clients
// write. The copy goes to FOLDER, else BACKUP_DIR, else ./backups, and is verified before it counts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase, BackupError, pruneBackups } from '../db/backup.ts';
import { BUSY_TIMEOUT_MS, DATABASE_FILE } from '../db/client.ts';
import { ConfigError, loadConfig } from '../config.ts';

try {
	const config = loadConfig();
	const file = path.join(config.dataDir, DATABASE_FILE);
	const dir = path.resolve(process.argv[2] ?? config.backup?.dir ?? 'backups');
	let sqlite: Database.Database;
	try {
		sqlite = new Database(file, { fileMustExist: true });
	} catch {
		throw new BackupError(`There is no database at ${file} to back up: set DATA_DIR to the server's data folder.`);
	}
	try {
		sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		// One step: a copy made in several would restart whenever the server commits in between.
		const summary = await backupDatabase(sqlite, dir);
		const pruned = config.backup ? pruneBackups(dir, config.backup.keep) : [];
		console.log(
			`Backed up ${summary.documents} documents and ${summary.practices} practices to ${summary.file} (${Math.ceil(summary.bytes / 1024)} KB, integrity ok)` +
				(pruned.length ? `; removed ${pruned.length} older backup${pruned.length === 1 ? '' : 's'}.` : '.')
		);
	} finally {
		sqlite.close();
	}
} catch (error) {
	console.error(
		error instanceof BackupError || error instanceof ConfigError
			? error.message
			: `The backup failed: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}
