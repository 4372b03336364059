import { error } from '@sveltejs/kit';
import { visitBriefAccess } from '$server/policy.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { visitBriefPdf } from '$server/sharing/visit-brief.ts';
import { actorOf, requireTrainer } from '$lib/server/access.ts';
import { paperFrom, pdfResponse } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/**
 * The visit brief, produced afresh on each download and audited each time. Refused, with the
 * reason, while the client's consent does not name the provider (server/policy.ts decides).
 */
export const GET: RequestHandler = async (event) => {
	const trainer = requireTrainer(event);
	const { db } = services();
	const decision = await visitBriefAccess(db, actorOf(event), event.params.visitId);
	if (decision.access === 'none' || decision.client.id !== event.params.clientId) error(404, 'Visit not found');
	if (decision.access === 'refused') error(403, `No visit brief for ${decision.visit.providerName}: ${decision.reason}`);
	const pdf = await visitBriefPdf(
		db,
		{ ...decision, trainer: { name: trainer.name, practiceName: trainer.practiceName }, format: await practiceFormat(db, decision.client.trainerId) },
		paperFrom(event.url),
		{ ipAddress: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') }
	);
	return pdfResponse(pdf, `Visit brief - ${decision.client.name} - ${decision.visit.providerName}`);
};
