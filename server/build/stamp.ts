// The build stamp: what `vite build` bundled and when it began, so that `npm start` can tell a
// current build from a stale one without building again (server/cli/start.ts). Only Node's own
// modules here: the check runs before anything is known to be installed or built.
import fs from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = 'build/.bridgework-build.json';

export interface BuildStamp {
	/** When the build began (ms): a source saved during the build counts as newer than it. */
	startedAt: number;
	/** Project files the server bundle was built from (relative paths), beyond src/ and static/. */
	inputs: string[];
}

/** Always compared, whatever the bundle lists: they decide how everything else is built. */
export const BUILD_CONFIG_FILES = ['svelte.config.js', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
/** Compared file by file, so that a new route or asset counts even though no bundle lists it yet. */
export const SOURCE_FOLDERS = ['src', 'static'];

export function readStamp(root: string): BuildStamp | null {
	try {
		const stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP_FILE), 'utf8')) as BuildStamp;
		return typeof stamp.startedAt === 'number' && Array.isArray(stamp.inputs) ? stamp : null;
	} catch {
		return null;
	}
}

export function writeStamp(root: string, stamp: BuildStamp): void {
	fs.writeFileSync(path.join(root, STAMP_FILE), JSON.stringify(stamp));
}

function* filesUnder(folder: string): Generator<string> {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(folder, { withFileTypes: true });
	} catch {
		return;
	}
	for (const entry of entries) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) yield* filesUnder(full);
		else if (entry.isFile()) yield full;
	}
}

/**
 * Why the build must be made again, or null when it is current. A file newer than the start of
 * the build, or one the bundle was made from that is gone, makes it stale.
 */
export function staleReason(root: string): string | null {
	if (!fs.existsSync(path.join(root, 'build/handler.js'))) return 'there is no build yet';
	const stamp = readStamp(root);
	if (!stamp) return `the build has no stamp (${STAMP_FILE}), so its age is unknown`;
	const candidates = [
		...BUILD_CONFIG_FILES.map((file) => path.join(root, file)),
		...SOURCE_FOLDERS.flatMap((folder) => [...filesUnder(path.join(root, folder))]),
		...stamp.inputs.map((file) => path.join(root, file))
	];
	for (const file of candidates) {
		let mtime: number;
		try {
			mtime = fs.statSync(file).mtimeMs;
		} catch {
			if (stamp.inputs.includes(path.relative(root, file))) return `${path.relative(root, file)} was part of the build and is gone`;
			continue;
		}
		if (mtime > stamp.startedAt) return `${path.relative(root, file)} changed after the build`;
	}
	return null;
}
