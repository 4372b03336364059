import { formatCalendarDate, type FormatContext } from '../../src/lib/shared/format.ts';
import type { Source } from '../../src/lib/shared/measures/catalogue.ts';
import type { ProviderRole } from '../../src/lib/shared/practice/document-kinds.ts';
import type { TrainerProfile } from '../practice/profile.ts';

/** What a template may fill in. Everything optional has a visible stand-in for the trainer to replace. */
export interface TemplateContext {
	/** The client the document is about; null for the practice's own documents, which name none. */
	client: { name: string; dateOfBirth: string | null } | null;
	trainer: { name: string; email: string };
	practice: string;
	provider: { name: string | null; role: ProviderRole | null; clinic: string | null };
	/** The day the document is created, in words ("22 November 2026"), in the practice's time zone. */
	date: string;
	/** The practice's locale and time zone, for any other date a template writes. */
	format: FormatContext;
	/**
	 * The trainer's professional profile as it stood when the document was drafted, empty until
	 * filled in (templates then keep their general wording); with the hours of continuing
	 * education completed in the two years before that day.
	 */
	profile: TrainerProfile & { recentEducationHours: number };
	/** What a progress report drafted from an outcome suggestion tells the provider. */
	outcomes?: ReportOutcomes;
}

export interface ReportOutcomes {
	/** The earliest baseline, YYYY-MM-DD: where the report's period starts. */
	since: string | null;
	/** One sentence per improvement ("Systolic blood pressure down 18 mmHg since 3 Oct, back below 130 mmHg"). */
	lines: string[];
	/** The published sources of the thresholds and differences the lines rest on. */
	sources: Source[];
}

/** "14 March 1952" from an ISO date, read as a calendar date with no time zone. */
export function formatIsoDate(iso: string, format: FormatContext): string {
	return formatCalendarDate(iso, format, 'long');
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
