import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core-schema.ts';

/**
 * A trainer's authenticator key (TOTP, server/auth/two-factor.ts). The key is sealed with the
 * server's key (server/auth/sealed-secret.ts), so a copy of the database alone does not hold it.
 * A row with no enabledAt is a setup begun and not yet confirmed with a code: it protects nothing.
 */
export const twoFactor = sqliteTable('two_factor', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	sealedKey: text('sealed_key').notNull(),
	enabledAt: integer('enabled_at', { mode: 'timestamp_ms' }),
	/** The 30-second step of the last code accepted: a code works once, even within its step. */
	lastUsedStep: integer('last_used_step'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)
});

/** One row per recovery code, by its hash; usedAt strikes it out, one request wins a race for it. */
export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		/** SHA-256 of a random code: two accounts never share one. */
		codeHash: text('code_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('recovery_codes_user_idx').on(t.userId)]
);

export type TwoFactorRow = typeof twoFactor.$inferSelect;
