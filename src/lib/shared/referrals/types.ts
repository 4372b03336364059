import type { Clock, IsoDate } from './dates.ts';
import type { ProviderRole, ReportPreference, Stage, TouchpointKind, TouchpointSource } from './vocabulary.ts';

/** What a trainer writes about a provider; every text is '' when unknown. */
export interface ProviderFields {
	name: string;
	role: ProviderRole;
	specialty: string;
	subspecialty: string;
	practiceName: string;
	address: string;
	phone: string;
	fax: string;
	email: string;
	officeManagerName: string;
	officeManagerPhone: string;
	officeManagerEmail: string;
	reportPreference: ReportPreference | '';
	notes: string;
	stage: Stage;
}

export interface Provider extends ProviderFields {
	id: string;
	/** ISO timestamp. */
	createdAt: string;
	/** ISO timestamp when archived, or ''. */
	archivedAt: string;
	/** ISO timestamp when moved to the trash, or ''. */
	deletedAt: string;
}

/** A planned touchpoint: what it becomes in the "Follow-ups due" list. */
export interface NextStep {
	due: IsoDate;
	kind: TouchpointKind;
	note: string;
}

export interface Touchpoint {
	id: string;
	providerId: string;
	kind: TouchpointKind;
	date: IsoDate;
	outcome: string;
	next: NextStep | null;
	source: TouchpointSource;
	createdAt: string;
	/** The client it concerned (an appointment attended with them), or left out. */
	clientId?: string;
}

export interface Referral {
	id: string;
	providerId: string;
	/** A client in this trainer's practice (SQLite `clients`), or null for someone not yet a client. */
	clientId: string | null;
	/** The person's name as written when the referral was recorded; shown when there is no client. */
	personName: string;
	date: IsoDate;
	note: string;
	/** The "referral received" touchpoint recorded with it, removed with it. */
	touchpointId: string | null;
	createdAt: string;
}

export interface PracticeSettings {
	/** Days after a first contact that its follow-up falls due: 5, 6 or 7. */
	followUpDays: number;
}

export interface Practice {
	/** The directory: providers in use. */
	providers: Provider[];
	/** Kept with their history, hidden from the directory, pickers and follow-ups. */
	archivedProviders: Provider[];
	/** In the trash: restorable for 30 days, then purged. Their records are left out below. */
	trashedProviders: Provider[];
	touchpoints: Touchpoint[];
	referrals: Referral[];
	settings: PracticeSettings;
}

/** Time and identity, injected so tests can fix both. */
export interface Env {
	now: Clock;
	newId: () => string;
}
