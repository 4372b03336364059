import type { ClientOverview } from '$server/practice/home.ts';

export const clientSorts = ['next_report', 'name', 'quietest', 'recent'] as const;
export type ClientSort = (typeof clientSorts)[number];
export const clientSortLabels: Record<ClientSort, string> = {
	next_report: 'Next report due',
	name: 'Name',
	quietest: 'Longest without activity',
	recent: 'Latest activity'
};

export interface ClientListQuery {
	text: string;
	sort: ClientSort;
}

/** The list's search and order live in the address: a reload and the back button keep them. */
export function clientListQueryFrom(params: URLSearchParams): ClientListQuery {
	const sort = params.get('sort');
	return {
		text: params.get('q')?.trim().slice(0, 200) ?? '',
		sort: (clientSorts as readonly string[]).includes(sort ?? '') ? (sort as ClientSort) : 'next_report'
	};
}

export function matchesText(text: string, ...fields: Array<string | null | undefined>): boolean {
	if (!text) return true;
	const haystack = fields.filter(Boolean).join(' \u0000 ').toLocaleLowerCase();
	return text
		.toLocaleLowerCase()
		.split(/\s+/)
		.every((word) => haystack.includes(word));
}

const byName = (a: ClientOverview, b: ClientOverview) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);

export function searchClients(rows: readonly ClientOverview[], query: ClientListQuery): ClientOverview[] {
	const found = rows.filter((row) => matchesText(query.text, row.name, row.email));
	const order: Record<ClientSort, (a: ClientOverview, b: ClientOverview) => number> = {
		next_report: (a, b) => a.nextReportDue - b.nextReportDue || byName(a, b),
		name: byName,
		quietest: (a, b) => a.lastActivity - b.lastActivity || byName(a, b),
		recent: (a, b) => b.lastActivity - a.lastActivity || byName(a, b)
	};
	return found.sort(order[query.sort]);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days from `now` to `due` in the reader's time zone: negative when it is late. */
export function daysUntil(due: number, now: number): number {
	const midnight = (ms: number) => {
		const date = new Date(ms);
		return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
	};
	return Math.round((midnight(due) - midnight(now)) / DAY_MS);
}

export function describeReportDue(due: number, now: number): { text: string; overdue: boolean } {
	const days = daysUntil(due, now);
	if (days < 0) return { text: `${-days} day${days === -1 ? '' : 's'} overdue`, overdue: true };
	if (days === 0) return { text: 'Due today', overdue: true };
	if (days === 1) return { text: 'Due tomorrow', overdue: false };
	return { text: `In ${days} days`, overdue: false };
}
