import { daysBetween, type IsoDate } from './dates.ts';
import { latestTouchpoint, latestTouchpoints, pendingFollowUps, type FollowUp } from './follow-ups.ts';
import type { Practice, Provider, Touchpoint } from './types.ts';
import { isOneOf, providerRoles, stages, type ProviderRole, type Stage } from './vocabulary.ts';

export const directorySorts = ['name', 'quietest', 'next_follow_up'] as const;
export type DirectorySort = (typeof directorySorts)[number];
export const directorySortLabels: Record<DirectorySort, string> = {
	name: 'Name',
	quietest: 'Longest without contact',
	next_follow_up: 'Next follow-up'
};

export interface DirectoryQuery {
	text: string;
	stage: Stage | '';
	role: ProviderRole | '';
	sort: DirectorySort;
}

/** The query from a URL's search parameters; anything unknown falls back to "all". */
export function directoryQueryFrom(params: URLSearchParams): DirectoryQuery {
	const stage = params.get('stage');
	const role = params.get('role');
	const sort = params.get('sort');
	return {
		text: params.get('q')?.trim() ?? '',
		stage: isOneOf(stages, stage) ? stage : '',
		role: isOneOf(providerRoles, role) ? role : '',
		sort: isOneOf(directorySorts, sort) ? sort : 'name'
	};
}

export interface DirectoryRow {
	provider: Provider;
	lastContact: Touchpoint | undefined;
	daysSinceContact: number | null;
	followUp: FollowUp | undefined;
	referrals: number;
}

const SEARCHED: (keyof Provider)[] = ['name', 'practiceName', 'specialty', 'subspecialty', 'officeManagerName', 'email', 'address', 'phone', 'notes'];

function matches(provider: Provider, text: string): boolean {
	if (!text) return true;
	const words = text.toLocaleLowerCase().split(/\s+/);
	const haystack = SEARCHED.map((key) => provider[key])
		.join(' \u0000 ')
		.toLocaleLowerCase();
	return words.every((word) => haystack.includes(word));
}

export function daysSinceLastContact(practice: Practice, providerId: string, today: IsoDate): number | null {
	const last = latestTouchpoint(practice.touchpoints, providerId);
	return last ? daysBetween(last.date, today) : null;
}

export function searchDirectory(practice: Practice, query: DirectoryQuery, today: IsoDate): DirectoryRow[] {
	const followUps = new Map(pendingFollowUps(practice).map((f) => [f.provider.id, f]));
	const referralCounts = new Map<string, number>();
	for (const referral of practice.referrals) referralCounts.set(referral.providerId, (referralCounts.get(referral.providerId) ?? 0) + 1);

	const latestOf = latestTouchpoints(practice.touchpoints);
	const rows = practice.providers
		.filter((p) => (!query.stage || p.stage === query.stage) && (!query.role || p.role === query.role) && matches(p, query.text))
		.map((provider): DirectoryRow => {
			const lastContact = latestOf.get(provider.id);
			return {
				provider,
				lastContact,
				daysSinceContact: lastContact ? daysBetween(lastContact.date, today) : null,
				followUp: followUps.get(provider.id),
				referrals: referralCounts.get(provider.id) ?? 0
			};
		});

	if (query.sort === 'quietest') {
		// Never contacted counts as the quietest of all.
		const quiet = (row: DirectoryRow) => row.daysSinceContact ?? Number.POSITIVE_INFINITY;
		rows.sort((a, b) => quiet(b) - quiet(a));
	} else if (query.sort === 'next_follow_up') {
		const due = (row: DirectoryRow) => row.followUp?.due ?? '9999-12-31';
		rows.sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : 0));
	}
	return rows;
}
