import { exportPractice } from '$server/export/practice-export.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

const PROGRESS_TYPE = 'application/x-ndjson';

const fileName = () => `bridgework-practice-${new Date().toISOString().slice(0, 10)}.zip`;

/**
 * The whole practice as one ZIP (server/export/practice-export.ts), for its own trainer only. A
 * plain request (a link followed without JavaScript, a script) gets the ZIP. The export page asks
 * for progress instead: one JSON line per step, `{"done","total"}`, then `{"name","zip"}` with the
 * file in base64, or `{"error"}`. The progress rides on the request that makes the file, so no
 * export job is kept anywhere and any instance behind a load balancer can serve it.
 */
export const GET: RequestHandler = async (event) => {
	const trainer = requireTrainer(event);
	const headers = { 'cache-control': 'no-store' };
	if (!(event.request.headers.get('accept') ?? '').includes(PROGRESS_TYPE)) {
		const zip = await exportPractice(services().db, trainer.id);
		return new Response(zip as Uint8Array<ArrayBuffer>, {
			headers: {
				...headers,
				'content-type': 'application/zip',
				'content-length': String(zip.byteLength),
				'content-disposition': `attachment; filename="${fileName()}"`
			}
		});
	}
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
			let lastSent = 0;
			try {
				const zip = await exportPractice(services().db, trainer.id, (done, total) => {
					// Often enough for a smooth bar, not a line per document of a large practice.
					if (done === total || Date.now() - lastSent >= 150) {
						lastSent = Date.now();
						send({ done, total });
					}
				});
				send({ name: fileName(), zip: Buffer.from(zip).toString('base64') });
			} catch (caught) {
				console.error('[export] preparing a practice export failed:', caught);
				send({ error: 'The export could not be prepared. Nothing was changed; try again in a moment.' });
			}
			controller.close();
		}
	});
	// Health information: no cache on the way may keep a copy.
	return new Response(body, { headers: { ...headers, 'content-type': `${PROGRESS_TYPE}; charset=utf-8` } });
};
