import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core-schema.ts';

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
	locale: text('locale')
});

export type PracticeSettingsRow = typeof practiceSettings.$inferSelect;
