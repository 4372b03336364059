import { describe, expect, it } from 'vitest';
import type { ClientOverview } from '$server/practice/home.ts';
import { clientListQueryFrom, describeReportDue, searchClients } from './client-list.ts';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date(2026, 10, 20, 9).getTime();

function row(name: string, overrides: Partial<ClientOverview> = {}): ClientOverview {
	return {
		id: name,
		name,
		email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`,
		consent: { status: 'active', coEditing: true, expiresOn: '2027-01-01' },
		lastActivity: now,
		lastReportShared: null,
		nextReportDue: now + 10 * DAY,
		...overrides
	};
}

const rows = [
	row('Bea Okafor', { nextReportDue: now - 3 * DAY, lastActivity: now - 20 * DAY }),
	row('Al Moreno', { nextReportDue: now + 5 * DAY, lastActivity: now - 2 * DAY }),
	row('Cy Lund', { nextReportDue: now + 1 * DAY, lastActivity: now - 40 * DAY })
];

describe('the client list', () => {
	it('orders by the next report due unless told otherwise, and ignores an unknown order', () => {
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams())).map((r) => r.name)).toEqual(['Bea Okafor', 'Cy Lund', 'Al Moreno']);
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('sort=bogus'))).map((r) => r.name)).toEqual(['Bea Okafor', 'Cy Lund', 'Al Moreno']);
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('sort=name'))).map((r) => r.name)).toEqual(['Al Moreno', 'Bea Okafor', 'Cy Lund']);
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('sort=quietest'))).map((r) => r.name)).toEqual(['Cy Lund', 'Bea Okafor', 'Al Moreno']);
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('sort=recent'))).map((r) => r.name)).toEqual(['Al Moreno', 'Bea Okafor', 'Cy Lund']);
	});

	it('finds clients by every word typed, in the name or the email', () => {
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('q=oka')))).toHaveLength(1);
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('q=cy example')))).toHaveLength(1);
		expect(searchClients(rows, clientListQueryFrom(new URLSearchParams('q=nobody')))).toEqual([]);
	});

	it('says how late or how soon a report is due', () => {
		expect(describeReportDue(now - 3 * DAY, now)).toEqual({ text: '3 days overdue', overdue: true });
		expect(describeReportDue(now, now)).toEqual({ text: 'Due today', overdue: true });
		expect(describeReportDue(now + DAY, now)).toEqual({ text: 'Due tomorrow', overdue: false });
		expect(describeReportDue(now + 9 * DAY, now)).toEqual({ text: 'In 9 days', overdue: false });
	});
});
