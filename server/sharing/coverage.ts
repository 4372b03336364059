import type { ConsentRecord, Document } from '../db/schema.ts';
import type { ConsentState } from '../consent/records.ts';

export type Coverage = { ok: true; needsClientApproval: boolean } | { ok: false; reason: string };

const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

function coversDocument(record: ConsentRecord, document: Pick<Document, 'id' | 'kind'>): boolean {
	const information = record.information;
	return information.scope === 'kinds' ? information.kinds.includes(document.kind) : information.documentIds.includes(document.id);
}

/**
 * Whether the client's consent in force lets this document go to this provider. The reasons are
 * written for the trainer, who must know what to ask the client for.
 */
export function consentCovers(state: ConsentState, document: Pick<Document, 'id' | 'kind'>, providerName: string): Coverage {
	const record = state.record;
	if (state.status === 'none' || !record) return { ok: false, reason: 'The client has not signed a consent yet, so nothing of theirs may be shared.' };
	if (state.status === 'revoked') return { ok: false, reason: 'The client has revoked their consent, so nothing of theirs may be shared.' };
	if (state.status === 'expired') return { ok: false, reason: `The client's consent ended on ${record.expiresOn}. Ask them to sign a new one.` };
	if (!coversDocument(record, document)) {
		return { ok: false, reason: 'The client’s consent does not cover this document. Ask them to include it in their consent.' };
	}
	if (record.recipients.mode === 'named') {
		const named = record.recipients.providers.some((p) => normalise(p.name) === normalise(providerName));
		if (!named) {
			const names = record.recipients.providers.map((p) => p.name).join(', ');
			return { ok: false, reason: `The client’s consent names only these providers: ${names}. Ask them to add this provider.` };
		}
		return { ok: true, needsClientApproval: false };
	}
	return { ok: true, needsClientApproval: true };
}
