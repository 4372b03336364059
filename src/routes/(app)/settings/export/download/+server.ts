import { exportPractice } from '$server/export/practice-export.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/** The whole practice as one ZIP (server/export/practice-export.ts), for its own trainer only. */
export const GET: RequestHandler = async (event) => {
	const trainer = requireTrainer(event);
	const zip = await exportPractice(services().db, trainer.id);
	const date = new Date().toISOString().slice(0, 10);
	return new Response(zip as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-length': String(zip.byteLength),
			'content-disposition': `attachment; filename="bridgework-practice-${date}.zip"`,
			// Health information: no cache on the way may keep a copy.
			'cache-control': 'no-store'
		}
	});
};
