import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { practiceSettings, type Credential, type EducationEntry } from '../db/schema.ts';
import { PROFILE_LIMITS } from '../../src/lib/shared/practice/profile.ts';

export type { Credential, EducationEntry } from '../db/schema.ts';

/**
 * The trainer's professional profile, as letters, the service overview and share pages use it.
 * The seeds' advice orders it: what clients achieve first, then whom the trainer works with, and
 * credentials last, as the evidence behind it.
 */
export interface TrainerProfile {
	outcomesStatement: string | null;
	specialties: string[];
	conditionsServed: string[];
	/** Newest first. */
	credentials: Credential[];
	/** Most recently completed first. */
	continuingEducation: EducationEntry[];
}

export const EMPTY_PROFILE: TrainerProfile = { outcomesStatement: null, specialties: [], conditionsServed: [], credentials: [], continuingEducation: [] };

export function isEmptyProfile(profile: TrainerProfile): boolean {
	return (
		!profile.outcomesStatement &&
		profile.specialties.length + profile.conditionsServed.length + profile.credentials.length + profile.continuingEducation.length === 0
	);
}

type Stored = TrainerProfile & { revision: number };

async function readStored(db: Executor, trainerId: string): Promise<Stored> {
	const [row] = await db
		.select({
			outcomesStatement: practiceSettings.outcomesStatement,
			specialties: practiceSettings.specialties,
			conditionsServed: practiceSettings.conditionsServed,
			credentials: practiceSettings.credentials,
			continuingEducation: practiceSettings.continuingEducation,
			revision: practiceSettings.profileRevision
		})
		.from(practiceSettings)
		.where(eq(practiceSettings.trainerId, trainerId))
		.limit(1);
	return {
		outcomesStatement: row?.outcomesStatement ?? null,
		specialties: row?.specialties ?? [],
		conditionsServed: row?.conditionsServed ?? [],
		credentials: [...(row?.credentials ?? [])].sort((a, b) => b.year - a.year),
		continuingEducation: [...(row?.continuingEducation ?? [])].sort((a, b) => b.completedOn.localeCompare(a.completedOn)),
		revision: row?.revision ?? 0
	};
}

export async function readProfile(db: Executor, trainerId: string): Promise<TrainerProfile> {
	const { revision: _revision, ...profile } = await readStored(db, trainerId);
	return profile;
}

type Change = Partial<
	Pick<typeof practiceSettings.$inferInsert, 'outcomesStatement' | 'specialties' | 'conditionsServed' | 'credentials' | 'continuingEducation'>
>;

/**
 * Writes what `change` makes of the stored profile, only if nobody wrote it since it was read (the
 * revision), and tries again from a fresh read otherwise: two tabs adding a credential at once keep
 * both, on PostgreSQL as on SQLite. `change` may refuse, writing nothing (a list is full).
 */
async function update<T>(db: Db, trainerId: string, change: (profile: Stored) => { set: Change; result: T } | { refused: T }): Promise<T> {
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const stored = await readStored(db, trainerId);
		const outcome = change(stored);
		if ('refused' in outcome) return outcome.refused;
		// The row may not exist yet: made with the defaults, then updated under the revision like any other.
		await db.insert(practiceSettings).values({ trainerId }).onConflictDoNothing();
		const written = await db
			.update(practiceSettings)
			.set({ ...outcome.set, profileRevision: stored.revision + 1 })
			.where(and(eq(practiceSettings.trainerId, trainerId), eq(practiceSettings.profileRevision, stored.revision)))
			.returning({ trainerId: practiceSettings.trainerId });
		if (written.length > 0) return outcome.result;
	}
	throw new Error('the profile kept changing while it was being saved');
}

export interface ProfileSummary {
	outcomesStatement?: string | undefined;
	specialties: string[];
	conditionsServed: string[];
}

export async function saveProfileSummary(db: Db, trainerId: string, summary: ProfileSummary): Promise<void> {
	await update(db, trainerId, () => ({
		set: { outcomesStatement: summary.outcomesStatement ?? null, specialties: summary.specialties, conditionsServed: summary.conditionsServed },
		result: undefined
	}));
}

/** 'full' when the trainer already lists as many as a profile holds. */
export async function addCredential(db: Db, trainerId: string, input: Omit<Credential, 'id'>): Promise<'added' | 'full'> {
	return update<'added' | 'full'>(db, trainerId, (stored) =>
		stored.credentials.length >= PROFILE_LIMITS.credentials
			? { refused: 'full' }
			: { set: { credentials: [...stored.credentials, { id: randomUUID(), ...input }] }, result: 'added' }
	);
}

/** False when there was no such credential (already removed, or another trainer's id). */
export async function removeCredential(db: Db, trainerId: string, id: string): Promise<boolean> {
	return update<boolean>(db, trainerId, (stored) =>
		stored.credentials.some((entry) => entry.id === id)
			? { set: { credentials: stored.credentials.filter((entry) => entry.id !== id) }, result: true }
			: { refused: false }
	);
}

export async function addEducation(db: Db, trainerId: string, input: Omit<EducationEntry, 'id'>): Promise<'added' | 'full'> {
	return update<'added' | 'full'>(db, trainerId, (stored) =>
		stored.continuingEducation.length >= PROFILE_LIMITS.education
			? { refused: 'full' }
			: { set: { continuingEducation: [...stored.continuingEducation, { id: randomUUID(), ...input }] }, result: 'added' }
	);
}

export async function removeEducation(db: Db, trainerId: string, id: string): Promise<boolean> {
	return update<boolean>(db, trainerId, (stored) =>
		stored.continuingEducation.some((entry) => entry.id === id)
			? { set: { continuingEducation: stored.continuingEducation.filter((entry) => entry.id !== id) }, result: true }
			: { refused: false }
	);
}

/** Hours of courses completed in the two years up to `today` (ISO dates), as renewal bodies count them. */
export function recentEducationHours(entries: readonly EducationEntry[], today: string): number {
	const from = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
	const hours = entries.filter((entry) => entry.completedOn > from && entry.completedOn <= today).reduce((sum, entry) => sum + entry.hours, 0);
	return Math.round(hours * 100) / 100;
}

/** "Medical Exercise Specialist (American Academy of Health and Fitness, 2019)". */
export function credentialLine(credential: Credential): string {
	return `${credential.title} (${credential.issuer}, ${credential.year})`;
}
