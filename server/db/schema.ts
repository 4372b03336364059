// The tables the app queries, for the database this process runs on. Both sets have the same
// columns under the same names (PostgreSQL's are generated from SQLite's), so the code above the
// data layer is written once, typed by SQLite's declarations, and awaits every query: only the
// data layer (server/db/, the update log) knows which database is underneath.
import { dialect } from './dialect.ts';
import * as postgres from './postgres/schema.generated.ts';
import * as sqlite from './sqlite-schema.ts';

export * from './sqlite-schema.ts';

const tables = (dialect === 'postgres' ? postgres : sqlite) as unknown as typeof sqlite;

export const accessChanges = tables.accessChanges;
export const accountTokens = tables.accountTokens;
export const auditLog = tables.auditLog;
export const calendarFeeds = tables.calendarFeeds;
export const clientVisits = tables.clientVisits;
export const clients = tables.clients;
export const consentRecords = tables.consentRecords;
export const documentStates = tables.documentStates;
export const documentUpdates = tables.documentUpdates;
export const documents = tables.documents;
export const eventInvitations = tables.eventInvitations;
export const invitations = tables.invitations;
export const languageRules = tables.languageRules;
export const mailPreferences = tables.mailPreferences;
export const outcomePrompts = tables.outcomePrompts;
export const outgoingMail = tables.outgoingMail;
export const practiceEvents = tables.practiceEvents;
export const practiceSettings = tables.practiceSettings;
export const practiceStates = tables.practiceStates;
export const practiceUpdates = tables.practiceUpdates;
export const recoveryCodes = tables.recoveryCodes;
export const sentVersions = tables.sentVersions;
export const sessions = tables.sessions;
export const shareLinks = tables.shareLinks;
export const shareReplies = tables.shareReplies;
export const twoFactor = tables.twoFactor;
export const users = tables.users;
