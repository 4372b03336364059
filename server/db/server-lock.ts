import fs from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR/bridgework.pid names the server process using the folder, so that a restore can
 * refuse to replace a database under a running server. A file left by a killed server names a
 * process that no longer exists and is ignored.
 */
const PID_FILE = 'bridgework.pid';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
	}
}

export function runningServerPid(dataDir: string): number | null {
	let pid: number;
	try {
		pid = Number(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8').trim());
	} catch {
		return null;
	}
	return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/** Records this process as the folder's server; returns the function that removes the record. */
export function claimDataDir(dataDir: string): () => void {
	const file = path.join(dataDir, PID_FILE);
	fs.writeFileSync(file, `${process.pid}\n`);
	return () => fs.rmSync(file, { force: true });
}
