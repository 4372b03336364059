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
	const refused = notInForce(state);
	if (refused || !record) return refused ?? NO_CONSENT;
	if (!coversDocument(record, document)) {
		return { ok: false, reason: 'The client’s consent does not cover this document. Ask them to include it in their consent.' };
	}
	if (record.recipients.mode === 'named') {
		const unnamed = notNamed(record, providerName);
		return unnamed ?? { ok: true, needsClientApproval: false };
	}
	return { ok: true, needsClientApproval: true };
}

const NO_CONSENT = { ok: false as const, reason: 'The client has not signed a consent yet, so nothing of theirs may be shared.' };

function notInForce(state: ConsentState): { ok: false; reason: string } | null {
	const record = state.record;
	if (state.status === 'none' || !record) return NO_CONSENT;
	if (state.status === 'revoked') return { ok: false, reason: 'The client has revoked their consent, so nothing of theirs may be shared.' };
	if (state.status === 'expired') return { ok: false, reason: `The client's consent ended on ${record.expiresOn}. Ask them to sign a new one.` };
	return null;
}

function notNamed(record: ConsentRecord, providerName: string): { ok: false; reason: string } | null {
	if (record.recipients.mode !== 'named') return null;
	if (record.recipients.providers.some((p) => normalise(p.name) === normalise(providerName))) return null;
	const names = record.recipients.providers.map((p) => p.name).join(', ');
	return { ok: false, reason: `The client’s consent names only these providers: ${names}. Ask them to add this provider.` };
}

export type BriefCoverage<D> = { ok: true; record: ConsentRecord; documents: D[] } | { ok: false; reason: string };

/**
 * Whether a visit brief about the client may be handed to this provider, and which of the client's
 * documents its measures may come from. The consent must name the provider: under "providers I
 * approve link by link" the client approves each report, and a brief has no link to approve. The
 * measures come only from documents the consent lets go; the summary is the client's name and date
 * of birth, which any disclosure to a named provider carries.
 */
export function consentCoversBrief<D extends Pick<Document, 'id' | 'kind'>>(
	state: ConsentState,
	providerName: string,
	documents: readonly D[]
): BriefCoverage<D> {
	const record = state.record;
	const refused = notInForce(state);
	if (refused || !record) return refused ?? NO_CONSENT;
	if (record.recipients.mode !== 'named') {
		return {
			ok: false,
			reason:
				'The client approves providers report by report, and a visit brief has no link for them to approve. Ask them to name this provider in their consent.'
		};
	}
	const unnamed = notNamed(record, providerName);
	if (unnamed) return unnamed;
	return { ok: true, record, documents: documents.filter((document) => coversDocument(record, document)) };
}
