// Structured logs: one JSON object a line on stdout (pino), for a log collector to index. What
// is logged is about the system, never about the people in it: no names, emails, tokens, document
// text or client addresses. HTTP requests are logged with their method, a redacted path, status
// and duration, under a request id that the response carries too (x-request-id).
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { format } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(destination?: DestinationStream): Logger {
	const options = { level: process.env.LOG_LEVEL || 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
	return destination ? pino(options, destination) : pino(options);
}

/**
 * Path segments that are secrets (share links, invitations, calendar feeds, reset and confirmation links): whoever holds one
 * is let in, so a log must not hand them on. The segment after each prefix is replaced.
 */
const SECRET_AFTER = new Set(['s', 'invite', 'calendar', 'reset', 'verify']);

/** The path of a request URL as it may be logged: no query (it can carry anything), no tokens. */
export function loggablePath(url: string | undefined): string {
	const pathname = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
	const segments = pathname.split('/');
	for (let i = 1; i < segments.length - 1; i++) {
		if (SECRET_AFTER.has(segments[i]!) && segments[i + 1]) segments[i + 1] = '[token]';
	}
	// A path is what a client typed: bounded, and without control characters.
	const path = segments.join('/');
	// eslint-disable-next-line no-control-regex -- stripping control characters is the point
	return path.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A proxy's request id, when it sent a plausible one, so both logs name the request alike. */
export function requestIdOf(req: http.IncomingMessage): string {
	const given = req.headers['x-request-id'];
	return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export interface RequestObserver {
	(method: string, status: number, seconds: number): void;
}

/** Logs each request once its response is finished (or the connection closed before). */
export function logRequests(logger: Logger, observe?: RequestObserver) {
	return (req: http.IncomingMessage, res: http.ServerResponse): string => {
		const started = process.hrtime.bigint();
		const id = requestIdOf(req);
		res.setHeader('x-request-id', id);
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const method = req.method ?? 'GET';
			const status = res.writableFinished ? res.statusCode : 0;
			observe?.(method, status, seconds);
			logger.info({ req_id: id, method, path: loggablePath(req.url), status, ms: Math.round(seconds * 1000) }, 'request');
		};
		res.on('finish', finish);
		res.on('close', finish);
		return id;
	};
}

/**
 * Sends the process's console output through the logger, so that every line is JSON: the
 * messages the modules write (storage failures, refused sockets, backups) stay as they are, as
 * each line's `msg`.
 */
export function routeConsole(logger: Logger): void {
	console.log = (...args: unknown[]) => logger.info(format(...args));
	console.info = console.log;
	console.warn = (...args: unknown[]) => logger.warn(format(...args));
	console.error = (...args: unknown[]) => logger.error(format(...args));
}
