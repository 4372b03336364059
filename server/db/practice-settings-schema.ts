import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core-schema.ts';

/** A qualification the trainer holds, as a provider checks it: who issued it and when. */
export interface Credential {
	id: string;
	title: string;
	issuer: string;
	year: number;
}

/** A course the trainer completed: hours as the issuer certified them, the date as a calendar date (ISO). */
export interface EducationEntry {
	id: string;
	title: string;
	provider: string;
	hours: number;
	completedOn: string;
}

/** A practice's own settings that the server needs (the practice Yjs document holds the rest). */
export const practiceSettings = sqliteTable('practice_settings', {
	trainerId: text('trainer_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** How often each client's progress report is due, in days: the home screen's "next report due". */
	reportIntervalDays: integer('report_interval_days').notNull().default(28),
	/** Two-factor sign-in may not be turned off while this holds (the practice holds health information). */
	requireTwoFactor: integer('require_two_factor', { mode: 'boolean' }).notNull().default(false),
	/** IANA name (Europe/London): when the practice's morning is; null until chosen, read as UTC. */
	timeZone: text('time_zone'),
	/** BCP 47 tag (en-GB) the practice's dates and numbers are written in; null until chosen, read as en-GB. */
	locale: text('locale'),
	// The trainer's professional profile (server/practice/profile.ts), which letters, the service
	// overview and share pages draw on. Lists are short and bounded (src/lib/shared/practice/profile.ts)
	// and always read and written whole, so they are JSON here rather than tables of their own.
	/** One line on what clients achieve with the trainer; what a provider reads first. */
	outcomesStatement: text('outcomes_statement'),
	specialties: text('specialties', { mode: 'json' }).$type<string[]>(),
	conditionsServed: text('conditions_served', { mode: 'json' }).$type<string[]>(),
	credentials: text('credentials', { mode: 'json' }).$type<Credential[]>(),
	continuingEducation: text('continuing_education', { mode: 'json' }).$type<EducationEntry[]>(),
	/** Raised by every change of the profile: two saves that read the same profile cannot both write it. */
	profileRevision: integer('profile_revision').notNull().default(0)
});

export type PracticeSettingsRow = typeof practiceSettings.$inferSelect;
