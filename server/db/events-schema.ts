import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { eventKinds, invitationResponses } from '../../src/lib/shared/referrals/events.ts';
import { clients, users } from './core-schema.ts';

// Events a trainer holds for providers (an open house, a workshop, a Lunch & Learn, a one-on-one
// workout) and the invitations to them, and appointments of a client the trainer attended with a
// provider. They live on the server, not in the practice's Y.Doc: a provider answers an invitation
// from their own browser, with no account and no Y.Doc, so the answer has to land in a table; the
// touchpoints that come of them (attendance, an appointment) are written into the Y.Doc as usual.
// Providers are the practice directory's (a Yjs document): their ids carry no foreign key.

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const practiceEvents = sqliteTable(
	'practice_events',
	{
		id: text('id').primaryKey(),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: eventKinds }).notNull(),
		title: text('title').notNull(),
		/** The practice's calendar date (YYYY-MM-DD) and wall-clock start (HH:MM): an event is where the practice is. */
		date: text('date').notNull(),
		startTime: text('start_time').notNull(),
		location: text('location').notNull().default(''),
		description: text('description').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [index('practice_events_trainer_idx').on(t.trainerId, t.date)]
);

export const eventInvitations = sqliteTable(
	'event_invitations',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => practiceEvents.id, { onDelete: 'cascade' }),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		directoryProviderId: text('directory_provider_id').notNull(),
		/** As the directory named them when invited: the answer page greets them by it. */
		providerName: text('provider_name').notNull(),
		providerEmail: text('provider_email'),
		/** SHA-256 of the token in the answer link; the token is shown to the trainer once. */
		tokenHash: text('token_hash').notNull().unique(),
		response: text('response', { enum: invitationResponses }),
		responseNote: text('response_note'),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
		/** The "came to an event" touchpoint logged when the trainer marked them present; set once. */
		attendedTouchpointId: text('attended_touchpoint_id'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('event_invitations_provider_idx').on(t.eventId, t.directoryProviderId)]
);

/** An appointment of a client the trainer attended with a provider: its touchpoint, and the visit brief's questions. */
export const clientVisits = sqliteTable(
	'client_visits',
	{
		id: text('id').primaryKey(),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		clientId: text('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		directoryProviderId: text('directory_provider_id').notNull(),
		providerName: text('provider_name').notNull(),
		date: text('date').notNull(),
		/** The trainer's questions for the provider, one a line: printed on the visit brief. */
		questions: text('questions').notNull().default(''),
		touchpointId: text('touchpoint_id'),
		createdAt: createdAt()
	},
	(t) => [index('client_visits_client_idx').on(t.clientId, t.date)]
);

export type PracticeEvent = typeof practiceEvents.$inferSelect;
export type EventInvitation = typeof eventInvitations.$inferSelect;
export type ClientVisit = typeof clientVisits.$inferSelect;
