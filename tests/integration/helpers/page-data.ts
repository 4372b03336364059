import { parse, unflatten } from 'devalue';
import type { RunningServer } from './server.ts';

/**
 * What a page's server load returned, as SvelteKit sends it to the browser on client-side
 * navigation (`__data.json`, serialised by devalue): tests read values the page shows from the
 * server's own data instead of picking them out of the HTML.
 */
export async function pageData<T = Record<string, unknown>>(server: RunningServer, path: string, cookie?: string): Promise<T> {
	// The query stays a query: a load that reads the address (a pre-filled form) gets it.
	const [pathname = '', search] = path.split('?', 2);
	const url = new URL(`${pathname.replace(/\/$/, '')}/__data.json${search ? `?${search}` : ''}`, server.url);
	const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
	if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	const body = (await response.json()) as { type: string; nodes: ({ type: string; data: unknown[] } | null)[] };
	if (body.type !== 'data') throw new Error(`${path}: answered ${JSON.stringify(body).slice(0, 300)}`);
	const page = body.nodes.at(-1);
	if (page?.type !== 'data') throw new Error(`${path}: no page data`);
	return unflatten(page.data) as T;
}

export type ActionResult<T> =
	| { type: 'success' | 'failure'; status: number; data: T }
	| { type: 'redirect'; status: number; location: string }
	| { type: 'error'; status: number; message: string };

/** Submits a form action as `use:enhance` does, and reads the result the page would show. */
export async function submitAction<T = Record<string, unknown>>(
	server: RunningServer,
	path: string,
	fields: Record<string, string>,
	cookie?: string
): Promise<ActionResult<T>> {
	const response = await fetch(new URL(path, server.url), {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true', ...(cookie ? { cookie } : {}) },
		body: new URLSearchParams(fields)
	});
	const body = (await response.json()) as { type: string; status?: number; data?: string; location?: string; error?: { message?: string } };
	if (body.type === 'redirect') return { type: 'redirect', status: body.status ?? response.status, location: body.location ?? '' };
	// A thrown error (404, 403): the status is the response's own, as the page's error screen shows it.
	if (body.type === 'error') return { type: 'error', status: response.status, message: body.error?.message ?? '' };
	if (body.type !== 'success' && body.type !== 'failure') throw new Error(`${path}: answered ${JSON.stringify(body).slice(0, 300)}`);
	return { type: body.type, status: body.status ?? response.status, data: (body.data ? parse(body.data) : {}) as T };
}
