import type { ProviderRole } from '../../src/lib/shared/practice/document-kinds.ts';

/** What a template may fill in. Everything optional has a visible stand-in for the trainer to replace. */
export interface TemplateContext {
	/** The client the document is about; null for the practice's own documents, which name none. */
	client: { name: string; dateOfBirth: string | null } | null;
	trainer: { name: string; email: string };
	practice: string;
	provider: { name: string | null; role: ProviderRole | null; clinic: string | null };
	/** The day the document is created, in words ("22 November 2026"). */
	date: string;
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

export function formatLongDate(date: Date): string {
	return longDate.format(date);
}

/** "14 March 1952" from an ISO date, read as a calendar date with no time zone. */
export function formatIsoDate(iso: string): string {
	const [year, month, day] = iso.split('-').map(Number);
	return longDate.format(new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

export function providerName(context: TemplateContext): string {
	return context.provider.name ?? '[provider’s name]';
}

/** "Dr Anna Patel, Riverside Family Medicine", or just the name. */
export function providerWithClinic(context: TemplateContext): string {
	return context.provider.clinic ? `${providerName(context)}, ${context.provider.clinic}` : providerName(context);
}

export function clientName(context: TemplateContext): string {
	return context.client?.name ?? '[client’s name]';
}
