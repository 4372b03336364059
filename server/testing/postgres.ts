import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

/**
 * A real PostgreSQL for tests: its own cluster in a temporary folder (data, socket and log), on a
 * free port of 127.0.0.1, trusting local connections. fsync stays on, as in production, because the
 * durability tests count on acknowledged writes being on disk.
 */
export interface PostgresServer {
	readonly port: number;
	/** The temporary folder holding the data directory, the unix socket and the server log. */
	readonly folder: string;
	/** A connection URL for one database on this server, as the `postgres` superuser. */
	url(database?: string): string;
	/** Creates a database (a copy of `template` when given) and resolves with its URL. */
	createDatabase(name: string, options?: { template?: string }): Promise<string>;
	/**
	 * Stops the server and removes its folder. `fast` (the default) ends the sessions and writes a
	 * shutdown checkpoint; `immediate` skips the checkpoint, which is all a folder about to be
	 * removed needs (after a run's hundreds of test databases the checkpoint takes seconds).
	 */
	stop(options?: { mode?: 'fast' | 'immediate' }): Promise<void>;
}

export interface PostgresOptions {
	/** Where initdb and pg_ctl are; PG_BINDIR, else Debian's PostgreSQL 15. */
	binDir?: string;
	/** How long `pg_ctl start` may wait for the server to accept connections. */
	startTimeoutSeconds?: number;
}

const DEBIAN_BIN_DIR = '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';
const PORT_ATTEMPTS = 5;

export function postgresBinDir(binDir = process.env.PG_BINDIR || DEBIAN_BIN_DIR): string {
	for (const binary of ['initdb', 'pg_ctl']) {
		if (!fs.existsSync(path.join(binDir, binary))) {
			throw new Error(
				`PostgreSQL 15 is not installed (${path.join(binDir, binary)} is missing): install Debian's postgresql package: apt-get install -y postgresql` +
					' (or set PG_BINDIR to the folder holding initdb and pg_ctl)'
			);
		}
	}
	return binDir;
}

/** initdb and the server refuse to run as root: as root, run them as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	try {
		const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error(
			"PostgreSQL refuses to run as root and there is no `postgres` user to run it as: install Debian's postgresql package (apt-get install -y postgresql), which creates that user"
		);
	}
}

/** The environment without PG* variables, which would point the binaries at another cluster. */
function cleanEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}

function run(binary: string, args: string[], options: { cwd: string; user: ReturnType<typeof serverUser> }): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(binary, args, { cwd: options.cwd, env: cleanEnvironment(), ...options.user, encoding: 'utf8' }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${path.basename(binary)} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stdout}${stderr}`));
			else resolve(stdout + stderr);
		});
	});
}

const quoteConfig = (value: string) => `'${value.replaceAll("'", "''")}'`;

function readText(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
	const binDir = postgresBinDir(options.binDir);
	const user = serverUser();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bridgework-pg-'));
	const dataDir = path.join(folder, 'data');
	const logFile = path.join(folder, 'postgres.log');
	if (user) fs.chownSync(folder, user.uid, user.gid);
	const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });

	// A run that ends without stop() (a crash, an interrupted vitest) must not leave a server behind.
	// Synchronous, because an 'exit' listener cannot wait.
	const stopOnExit = () => {
		if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
			try {
				execFileSync(path.join(binDir, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10'], {
					cwd: folder,
					env: cleanEnvironment(),
					...user,
					stdio: 'ignore'
				});
			} catch {
				// already stopped, or it cannot be stopped: removing its folder is all that is left
			}
		}
		removeFolder();
	};
	process.once('exit', stopOnExit);

	try {
		await run(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions'], {
			cwd: folder,
			user
		});
		fs.appendFileSync(
			path.join(dataDir, 'postgresql.conf'),
			[
				'',
				'# Bridgework tests',
				"listen_addresses = '127.0.0.1'",
				`unix_socket_directories = ${quoteConfig(folder)}`,
				'max_connections = 300',
				'shared_buffers = 64MB',
				'fsync = on',
				'synchronous_commit = on',
				''
			].join('\n')
		);

		let port = 0;
		for (let attempt = 1; ; attempt++) {
			port = await freePort();
			try {
				await run(
					path.join(binDir, 'pg_ctl'),
					['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(options.startTimeoutSeconds ?? 60), '-o', `-p ${port}`],
					{
						cwd: folder,
						user
					}
				);
				break;
			} catch (error) {
				const log = readText(logFile);
				// Another process took the port between freePort() and the bind: try another one.
				if (attempt < PORT_ATTEMPTS && /could not bind|Address already in use/.test(log)) continue;
				throw new Error(`${(error as Error).message}\nserver log:\n${log}`, { cause: error });
			}
		}

		const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
		await query(url(), 'select 1');

		let stopped = false;
		return {
			port,
			folder,
			url,
			createDatabase: (name, createOptions) => createDatabase(url(), name, createOptions),
			async stop({ mode = 'fast' } = {}) {
				if (stopped) return;
				stopped = true;
				try {
					await run(path.join(binDir, 'pg_ctl'), ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60'], { cwd: folder, user });
				} finally {
					process.removeListener('exit', stopOnExit);
					removeFolder();
				}
			}
		};
	} catch (error) {
		stopOnExit();
		process.removeListener('exit', stopOnExit);
		throw error;
	}
}

/** One statement on its own connection, for administration (the connection does not outlive it). */
export async function query(url: string, sql: string, values?: unknown[]): Promise<pg.QueryResult> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await client.query(sql, values);
	} finally {
		await client.end();
	}
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
	if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a database name the test harness creates (lower-case letters, digits, _)`);
	return `"${name}"`;
}

/** A database name no other test (in any worker) has used on this server. */
export function uniqueDatabaseName(prefix = 'test'): string {
	return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** Creates a database through the admin URL of a server and resolves with the new database's URL. */
export async function createDatabase(adminUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
	const template = options.template ? ` TEMPLATE ${identifier(options.template)}` : '';
	await query(adminUrl, `CREATE DATABASE ${identifier(name)}${template}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * Marks a prepared database as a template nobody connects to: CREATE DATABASE … TEMPLATE refuses to
 * copy a database that has sessions, and a test that connected to the template by mistake would
 * change every copy made after it.
 */
export async function sealTemplate(adminUrl: string, name: string): Promise<void> {
	await query(adminUrl, `ALTER DATABASE ${identifier(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
}
