import { Redis } from 'ioredis';

/**
 * A Redis client for callers that have an answer for Redis being away: it never queues a command
 * while disconnected and gives up on one after a second, so a request waits on Redis at most that
 * long. It reconnects by itself; an outage is logged once when it begins and once when it ends,
 * not at every retry.
 */
export function openRedis(url: string, meanwhile: string): Redis {
	const client = new Redis(url, { enableOfflineQueue: false, commandTimeout: 1000, maxRetriesPerRequest: 1 });
	let down = false;
	client.on('error', (error: NodeJS.ErrnoException) => {
		if (down) return;
		down = true;
		// The message names host and port at most, never the URL: that may hold a password.
		console.warn(`Redis is unreachable (${error.code ?? error.message}); ${meanwhile} until it is back.`);
	});
	client.on('ready', () => {
		if (!down) return;
		down = false;
		console.log('Redis is reachable again.');
	});
	return client;
}
