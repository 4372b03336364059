// `npm run import-practice -- FILE.zip`: restores a practice exported from its settings
// (Settings → Export the practice) into this Bridgework (DATA_DIR, or DATABASE_URL), which must
// not hold it already. Nothing is written unless all of it can be.
import fs from 'node:fs';
import { closeDatabase, openDatabase } from '../db/client.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { ImportError, importPractice } from '../export/practice-import.ts';

const file = process.argv[2];
if (!file) {
	console.error('Name the export to import: npm run import-practice -- bridgework-practice-….zip');
	process.exit(1);
}
try {
	const config = loadConfig();
	let archive: Buffer;
	try {
		archive = fs.readFileSync(file);
	} catch {
		throw new ImportError(`Cannot read ${file}.`);
	}
	const db = await openDatabase(config.dataDir, { url: config.databaseUrl, poolSize: 2 });
	try {
		const started = performance.now();
		const summary = await importPractice(db, archive);
		const { counts } = summary;
		console.log(
			`Imported the practice ${summary.practiceName ?? summary.trainerId}: ${counts.clients} clients, ${counts.documents} documents, ${counts.consentRecords} consent records, ${counts.auditLog} audit entries, in ${((performance.now() - started) / 1000).toFixed(1)} s.`
		);
	} finally {
		await closeDatabase(db);
	}
} catch (error) {
	console.error(
		error instanceof ImportError || error instanceof ConfigError
			? error.message
			: `The import failed: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}
