// The production entry point: one Node process, one port, serving the SvelteKit app and the
// collaboration WebSocket at /collab. `npm start` builds the app and runs this with Node 24.
import http from 'node:http';
import { ConfigError } from './config.ts';
import { scheduleBackups } from './db/backup.ts';
import { closeDatabase, DatabaseStartupError, sqliteConnection } from './db/client.ts';
import { describeUrl } from './db/postgres/open.ts';
import { claimDataDir, runningServerPid } from './db/server-lock.ts';
import { collabUpgradeHandler } from './collab/upgrade.ts';
import { createHealth } from './health.ts';
import { createLogger, logRequests, routeConsole } from './log.ts';
import { handleMetrics, metrics } from './metrics.ts';
import { openRedis } from './redis.ts';
import { startDigestTimer } from './mail/digest.ts';
import { handleUnsubscribePost } from './mail/unsubscribe.ts';
import { startPurgeTimer } from './practice/purge-timer.ts';
import { startServices } from './services.ts';

const PROTOCOL_HEADER = 'x-bridgework-protocol';

/**
 * A file on its own runs nothing and loads nothing; the service worker's script is the exception:
 * its policy governs the worker, which fetches and caches our own pages.
 */
function staticFilePolicy(url: string | undefined): string {
	if (url?.split('?')[0] === '/service-worker.js') return "default-src 'self'";
	return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
}

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

const [major] = process.versions.node.split('.').map(Number);
if ((major ?? 0) < 24) {
	console.error(`Bridgework needs Node 24 or later; this is Node ${process.versions.node}. Run it with "npm start".`);
	process.exit(1);
}

// Every line this process writes is JSON from here on (server/log.ts), start-up failures included.
const logger = createLogger();
routeConsole(logger);

async function main() {
	const app = await startServices();
	const { config, collab } = app;
	// The pid file guards a SQLite file; instances sharing PostgreSQL are meant to run together.
	const embedded = sqliteConnection(app.db) !== null;
	const running = embedded ? runningServerPid(config.dataDir) : null;
	if (running !== null) {
		throw new DatabaseStartupError(
			`Another Bridgework server (process ${running}) is using ${config.dataDir}: stop it, or set DATA_DIR to another folder (if that process is not Bridgework, delete ${config.dataDir}/bridgework.pid).`
		);
	}
	const releaseDataDir = embedded ? claimDataDir(config.dataDir) : () => {};
	const stopBackups = config.backup && embedded ? scheduleBackups(app.db, config.backup) : () => {};
	// adapter-node assumes https unless told the origin; this process itself speaks plain HTTP, so
	// without ORIGIN (set it behind a TLS proxy) each request's origin is http://<its Host>.
	if (config.origin) process.env.ORIGIN = config.origin;
	else {
		delete process.env.ORIGIN;
		process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	}
	const handlerPath = new URL('../build/handler.js', import.meta.url).href;
	const { handler } = (await import(handlerPath)) as { handler: NodeHandler };

	// A client of its own: readiness asks Redis directly, whatever the throttles and the relay do meanwhile.
	const redis = config.redis ? openRedis(config.redis.url, 'this instance answers /readyz with 503') : undefined;
	const health = createHealth({ db: app.db, redis });
	const { registry, httpRequest, watch, collectProcessMetrics } = metrics();
	// Only a scrape reads them, and without a token nothing scrapes: the event-loop delay monitor
	// alone wakes the process 100 times a second (a quarter of its CPU with idle sockets open).
	if (config.metricsToken) collectProcessMetrics();
	watch({ connections: () => collab.hocuspocus.getConnectionsCount(), documents: () => collab.hocuspocus.getDocumentsCount() });
	const logRequest = logRequests(logger, httpRequest);
	const server = http.createServer((req, res) => {
		// Probes and scrapes come every few seconds: they would drown the log and tell nothing.
		if (health.handle(req, res)) return;
		if (handleMetrics(req, res, config.metricsToken, registry)) return;
		logRequest(req, res);
		if (!config.origin) req.headers[PROTOCOL_HEADER] = 'http';
		// A policy on every response: SvelteKit replaces this one with the page's own (kit.csp) and
		// hooks.server.ts sets it on endpoints; this covers the static files adapter-node serves.
		res.setHeader('Content-Security-Policy', staticFilePolicy(req.url));
		if (handleUnsubscribePost(req, res, app.db)) return;
		handler(req, res);
	});
	startPurgeTimer(app.db, collab.hocuspocus);
	app.mailer.start();
	if (!app.mailer.configured) console.log("No mail server configured (SMTP_URL): emails are kept in each trainer's Outbox, marked not sent.");
	const upgradeCollab = collabUpgradeHandler(collab, config.address);
	server.on('upgrade', (req, socket, head) => {
		if (!upgradeCollab(req, socket, head)) socket.destroy();
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		health.drain();
		console.log(`${signal} received: storing open documents and stopping.`);
		// Every acknowledged edit is already in the update log; this folds the logs into states so
		// the next start has less to replay. Bounded, so a dead database cannot hold the exit.
		await Promise.race([collab.persistence.storeAll(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
		stopBackups();
		await Promise.race([app.mailer.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
		releaseDataDir();
		collab.hocuspocus.closeConnections();
		server.close();
		server.closeAllConnections();
		await closeDatabase(app.db).catch(() => undefined);
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	server.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EADDRINUSE') console.error(`Port ${config.port} on ${config.host} is in use. Set PORT to a free port.`);
		else if (error.code === 'EACCES') console.error(`This user may not listen on port ${config.port} of ${config.host}. Set PORT to 1024 or above.`);
		else console.error(`The HTTP server failed: ${error.message}`);
		process.exit(1);
	});
	server.listen(config.port, config.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : config.port;
		const host = config.host.includes(':') ? `[${config.host}]` : config.host;
		const data = config.databaseUrl ? `PostgreSQL at ${describeUrl(config.databaseUrl)}` : config.dataDir;
		console.log(`Bridgework is running at http://${host}:${port}/ (data in ${data})`);
		// Links in the digest need an address: ORIGIN behind a proxy, else this server's own.
		startDigestTimer(app.db, app.mailer, { origin: config.origin ?? `http://${host}:${port}` });
	});
}

main().catch((error: unknown) => {
	// One sentence a person can act on; the stack trace helps nobody who runs the server.
	if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
	else if (error instanceof DatabaseStartupError) console.error(`Bridgework could not start: ${error.message}`);
	else console.error(`Bridgework could not start: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
