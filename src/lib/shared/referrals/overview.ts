import { addMonths, monthOf, type IsoDate } from './dates.ts';
import type { Practice } from './types.ts';
import { stages, type Stage } from './vocabulary.ts';

export function providersPerStage(practice: Practice): Record<Stage, number> {
	const counts = Object.fromEntries(stages.map((stage) => [stage, 0])) as Record<Stage, number>;
	for (const provider of practice.providers) counts[provider.stage] += 1;
	return counts;
}

/** Referrals counted per calendar month, for the `months` months ending with today's, oldest first. */
export function referralsPerMonth(practice: Practice, today: IsoDate, months = 12): { month: string; count: number }[] {
	const last = monthOf(today);
	const series = Array.from({ length: months }, (_, i) => ({ month: addMonths(last, i - months + 1), count: 0 }));
	const index = new Map(series.map((entry, i) => [entry.month, i]));
	for (const referral of practice.referrals) {
		const i = index.get(monthOf(referral.date));
		const entry = i === undefined ? undefined : series[i];
		if (entry) entry.count += 1;
	}
	return series;
}

/** Who sent the most referrals, for the overview's "top referrers" list. */
export function topReferrers(practice: Practice, limit = 5): { providerId: string; name: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const referral of practice.referrals) counts.set(referral.providerId, (counts.get(referral.providerId) ?? 0) + 1);
	return practice.providers
		.filter((p) => counts.has(p.id))
		.map((p) => ({ providerId: p.id, name: p.name, count: counts.get(p.id) ?? 0 }))
		.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
		.slice(0, limit);
}
