import * as Y from 'yjs';
import { advanceStage, DEFAULT_FOLLOW_UP_DAYS, FOLLOW_UP_DAY_CHOICES, isFirstContact, suggestNextStep } from './cadence.ts';
import { isIsoDate, type IsoDate } from './dates.ts';
import { newId } from './ids.ts';
import type { Env, NextStep, Practice, PracticeSettings, Provider, ProviderFields, Referral, Touchpoint } from './types.ts';
import {
	isOneOf,
	providerRoles,
	reportPreferences,
	stages,
	touchpointKinds,
	touchpointSources,
	type Stage,
	type TouchpointKind,
	type TouchpointSource
} from './vocabulary.ts';

/**
 * A trainer's practice as one Y.Doc: four top-level maps, each record a nested Y.Map keyed by a
 * random id. Nested maps make two devices' edits to different fields of one provider both survive;
 * ids make two devices' new records never collide. Reads are defensive: a record written by an
 * older version (or a half-synced one) reads with blanks, never throws.
 */

type Fields = Y.Map<unknown>;

const providersOf = (doc: Y.Doc) => doc.getMap<Fields>('providers');
const touchpointsOf = (doc: Y.Doc) => doc.getMap<Fields>('touchpoints');
const referralsOf = (doc: Y.Doc) => doc.getMap<Fields>('referrals');
const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>('settings');

const defaultEnv: Env = { now: () => new Date(), newId };

function text(map: Fields, key: string): string {
	const value = map.get(key);
	return typeof value === 'string' ? value : '';
}

function readProvider(id: string, map: Fields): Provider {
	const role = map.get('role');
	const stage = map.get('stage');
	const preference = map.get('reportPreference');
	return {
		id,
		name: text(map, 'name'),
		role: isOneOf(providerRoles, role) ? role : 'other',
		specialty: text(map, 'specialty'),
		subspecialty: text(map, 'subspecialty'),
		practiceName: text(map, 'practiceName'),
		address: text(map, 'address'),
		phone: text(map, 'phone'),
		fax: text(map, 'fax'),
		email: text(map, 'email'),
		officeManagerName: text(map, 'officeManagerName'),
		officeManagerPhone: text(map, 'officeManagerPhone'),
		officeManagerEmail: text(map, 'officeManagerEmail'),
		reportPreference: isOneOf(reportPreferences, preference) ? preference : '',
		notes: text(map, 'notes'),
		stage: isOneOf(stages, stage) ? stage : 'researching',
		createdAt: text(map, 'createdAt'),
		archivedAt: text(map, 'archivedAt'),
		deletedAt: text(map, 'deletedAt')
	};
}

function readNextStep(map: Fields): NextStep | null {
	const due = map.get('nextDue');
	if (!isIsoDate(due)) return null;
	const kind = map.get('nextKind');
	return { due, kind: isOneOf(touchpointKinds, kind) ? kind : 'call', note: text(map, 'nextNote') };
}

function readTouchpoint(id: string, map: Fields): Touchpoint | null {
	const kind = map.get('kind');
	const date = map.get('date');
	const source = map.get('source');
	if (!isOneOf(touchpointKinds, kind) || !isIsoDate(date)) return null;
	return {
		id,
		providerId: text(map, 'providerId'),
		kind,
		date,
		outcome: text(map, 'outcome'),
		next: readNextStep(map),
		source: isOneOf(touchpointSources, source) ? source : 'manual',
		createdAt: text(map, 'createdAt'),
		...(text(map, 'clientId') ? { clientId: text(map, 'clientId') } : {})
	};
}

function readReferral(id: string, map: Fields): Referral | null {
	const date = map.get('date');
	if (!isIsoDate(date)) return null;
	return {
		id,
		providerId: text(map, 'providerId'),
		clientId: text(map, 'clientId') || null,
		personName: text(map, 'personName'),
		date,
		note: text(map, 'note'),
		touchpointId: text(map, 'touchpointId') || null,
		createdAt: text(map, 'createdAt')
	};
}

export function readSettings(doc: Y.Doc): PracticeSettings {
	const days = settingsOf(doc).get('followUpDays');
	return {
		followUpDays: typeof days === 'number' && (FOLLOW_UP_DAY_CHOICES as readonly number[]).includes(days) ? days : DEFAULT_FOLLOW_UP_DAYS
	};
}

/** Newest first: by date, then by when it was written, then by id so every device agrees. */
export function byRecency(a: Pick<Touchpoint, 'date' | 'createdAt' | 'id'>, b: Pick<Touchpoint, 'date' | 'createdAt' | 'id'>): number {
	if (a.date !== b.date) return a.date < b.date ? 1 : -1;
	if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The whole practice as plain data. Touchpoints and referrals of a provider deleted on another
 * device (an orphan left by a concurrent offline edit) are left out.
 */
export function readPractice(doc: Y.Doc): Practice {
	const all: Provider[] = [];
	const mergedInto = new Map<string, string>();
	providersOf(doc).forEach((map, id) => {
		const target = map.get('mergedInto');
		if (typeof target === 'string' && target !== id) mergedInto.set(id, target);
		else all.push(readProvider(id, map));
	});
	all.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
	const providers = all.filter((p) => !p.archivedAt && !p.deletedAt);
	const archivedProviders = all.filter((p) => p.archivedAt && !p.deletedAt);
	const trashedProviders = all.filter((p) => p.deletedAt);
	// History stays with providers in use and archived ones; the trash takes its records along.
	const kept = new Set([...providers, ...archivedProviders].map((p) => p.id));
	const owner = (providerId: string) => resolveMerged(mergedInto, providerId);

	const touchpoints: Touchpoint[] = [];
	touchpointsOf(doc).forEach((map, id) => {
		const touchpoint = readTouchpoint(id, map);
		if (!touchpoint) return;
		touchpoint.providerId = owner(touchpoint.providerId);
		if (kept.has(touchpoint.providerId)) touchpoints.push(touchpoint);
	});
	touchpoints.sort(byRecency);

	const referrals: Referral[] = [];
	referralsOf(doc).forEach((map, id) => {
		const referral = readReferral(id, map);
		if (!referral) return;
		referral.providerId = owner(referral.providerId);
		if (kept.has(referral.providerId)) referrals.push(referral);
	});
	referrals.sort(byRecency);

	return { providers, archivedProviders, trashedProviders, touchpoints, referrals, settings: readSettings(doc) };
}

/**
 * The provider a merged entry now lives in. Chains are followed a bounded number of steps, so two
 * devices merging each entry into the other (a cycle) still read, each as itself.
 */
function resolveMerged(mergedInto: ReadonlyMap<string, string>, providerId: string): string {
	let current = providerId;
	for (let step = 0; step < 16; step++) {
		const next = mergedInto.get(current);
		if (!next) return current;
		current = next;
	}
	return providerId;
}

export function emptyPractice(): Practice {
	return { providers: [], archivedProviders: [], trashedProviders: [], touchpoints: [], referrals: [], settings: { followUpDays: DEFAULT_FOLLOW_UP_DAYS } };
}

function setFields(map: Fields, fields: Record<string, string | null>): void {
	for (const [key, value] of Object.entries(fields)) {
		// Writing only what changed keeps another device's edit of a neighbouring field alive.
		if (value === null) {
			if (map.has(key)) map.delete(key);
		} else if (map.get(key) !== value) map.set(key, value);
	}
}

export function addProvider(doc: Y.Doc, fields: ProviderFields, env: Env = defaultEnv): string {
	const id = env.newId();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		providersOf(doc).set(id, map);
		setFields(map, { ...fields, createdAt: env.now().toISOString() });
	});
	return id;
}

/** Changes the given fields only; false when the provider no longer exists. */
export function updateProvider(doc: Y.Doc, id: string, patch: Partial<ProviderFields>): boolean {
	const map = providersOf(doc).get(id);
	if (!map) return false;
	doc.transact(() => setFields(map, patch));
	return true;
}

/** Hidden from the directory, the pickers and the follow-ups; kept with its history, restorable. */
export function archiveProvider(doc: Y.Doc, id: string, env: Env = defaultEnv): boolean {
	return changeProvider(doc, id, { archivedAt: env.now().toISOString(), deletedAt: null });
}

/** To the trash, with its touchpoints and referrals: restorable for 30 days, then purged. */
export function trashProvider(doc: Y.Doc, id: string, env: Env = defaultEnv): boolean {
	return changeProvider(doc, id, { deletedAt: env.now().toISOString() });
}

/** Back in the directory, from the archive or the trash. */
export function restoreProvider(doc: Y.Doc, id: string): boolean {
	return changeProvider(doc, id, { archivedAt: null, deletedAt: null });
}

function changeProvider(doc: Y.Doc, id: string, fields: Record<string, string | null>): boolean {
	const map = providersOf(doc).get(id);
	if (!map || typeof map.get('mergedInto') === 'string') return false;
	doc.transact(() => setFields(map, fields));
	return true;
}

/** Erases a provider for good, with its touchpoints and referrals (and entries merged into it). */
export function deleteProvider(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		const gone = new Set([id]);
		for (const [otherId, map] of providersOf(doc)) if (map.get('mergedInto') === id) gone.add(otherId);
		for (const providerId of gone) providersOf(doc).delete(providerId);
		for (const records of [touchpointsOf(doc), referralsOf(doc)]) {
			for (const [recordId, map] of records) {
				const owner = map.get('providerId');
				if (typeof owner === 'string' && gone.has(owner)) records.delete(recordId);
			}
		}
	});
}

/** Trash older than this many days is purged (server/referrals/purge.server.ts runs it). */
export const PROVIDER_TRASH_DAYS = 30;

/** Purges providers that have been in the trash for PROVIDER_TRASH_DAYS; returns their ids. */
export function purgeTrashedProviders(doc: Y.Doc, now: Date): string[] {
	const cutoff = now.getTime() - PROVIDER_TRASH_DAYS * 24 * 60 * 60 * 1000;
	const due: string[] = [];
	providersOf(doc).forEach((map, id) => {
		const deletedAt = Date.parse(text(map, 'deletedAt'));
		if (Number.isFinite(deletedAt) && deletedAt <= cutoff) due.push(id);
	});
	if (due.length > 0) doc.transact(() => due.forEach((id) => deleteProvider(doc, id)));
	return due;
}

const PROVIDER_TEXT_FIELDS = [
	'specialty',
	'subspecialty',
	'practiceName',
	'address',
	'phone',
	'fax',
	'email',
	'officeManagerName',
	'officeManagerPhone',
	'officeManagerEmail',
	'reportPreference'
] as const;

/**
 * Two directory entries for one provider (typically added on two devices offline) become one:
 * `keepId` keeps its details, fills its blanks from the duplicate, joins the notes, and takes the
 * further relationship stage. The duplicate stays as a pointer to `keepId`, so its touchpoints
 * and referrals, including any another device logs against it before it syncs, read as keepId's.
 */
export function mergeProviders(doc: Y.Doc, keepId: string, duplicateId: string): boolean {
	if (keepId === duplicateId) return false;
	const keep = providersOf(doc).get(keepId);
	const duplicate = providersOf(doc).get(duplicateId);
	if (!keep || !duplicate || keep.get('mergedInto') || duplicate.get('mergedInto')) return false;
	const kept = readProvider(keepId, keep);
	const other = readProvider(duplicateId, duplicate);
	const patch: Record<string, string | null> = {};
	for (const field of PROVIDER_TEXT_FIELDS) if (!kept[field] && other[field]) patch[field] = other[field];
	if (other.notes && other.notes !== kept.notes) patch.notes = kept.notes ? `${kept.notes}\n\n${other.notes}` : other.notes;
	// Further along wins; "inactive" is a choice the trainer made, not a stage reached.
	const rank = (stage: Stage) => (stage === 'inactive' ? -1 : stages.indexOf(stage));
	if (rank(other.stage) > rank(kept.stage)) patch.stage = other.stage;
	if (other.createdAt && (!kept.createdAt || other.createdAt < kept.createdAt)) patch.createdAt = other.createdAt;
	doc.transact(() => {
		setFields(keep, patch);
		duplicate.set('mergedInto', keepId);
	});
	return true;
}

/** Entries that look like the same provider: same name, ignoring case, titles and spacing. */
export function likelyDuplicates(providers: readonly Provider[], provider: Provider): Provider[] {
	const key = (name: string) =>
		name
			.toLocaleLowerCase()
			.replace(/^(dr\.?|doctor)\s+/, '')
			.replace(/[^\p{L}\p{N}]+/gu, '');
	const own = key(provider.name);
	return providers.filter((p) => p.id !== provider.id && key(p.name) === own);
}

export interface TouchpointInput {
	providerId: string;
	kind: TouchpointKind;
	date: IsoDate;
	outcome: string;
	/** The next step; null for none; left out to let the cadence rules decide. */
	next?: NextStep | null;
	source?: TouchpointSource;
	/** A client in this trainer's practice the touchpoint concerned (SQLite `clients`). */
	clientId?: string;
}

export interface LoggedTouchpoint {
	touchpointId: string;
	firstContact: boolean;
	next: NextStep | null;
	previousStage: Stage;
	stage: Stage;
}

function touchpointsOfProvider(doc: Y.Doc, providerId: string): Touchpoint[] {
	const found: Touchpoint[] = [];
	touchpointsOf(doc).forEach((map, id) => {
		const touchpoint = readTouchpoint(id, map);
		if (touchpoint?.providerId === providerId) found.push(touchpoint);
	});
	return found;
}

/** What logging this touchpoint now would count as: the form shows it before anything is saved. */
export function classifyTouchpoint(doc: Y.Doc, input: Pick<TouchpointInput, 'providerId' | 'kind' | 'date'>) {
	const firstContact = isFirstContact(input.kind, input.date, touchpointsOfProvider(doc, input.providerId));
	return { firstContact, suggestion: suggestNextStep({ ...input, firstContact }, readSettings(doc)) };
}

/** Logs a touchpoint and moves the provider's stage forward; null when the provider is gone. */
export function logTouchpoint(doc: Y.Doc, input: TouchpointInput, env: Env = defaultEnv): LoggedTouchpoint | null {
	const provider = providersOf(doc).get(input.providerId);
	if (!provider) return null;
	const { firstContact, suggestion } = classifyTouchpoint(doc, input);
	const next = input.next === undefined ? suggestion : input.next;
	const previousStage = readProvider(input.providerId, provider).stage;
	const stage = advanceStage(previousStage, input.kind, firstContact);
	const touchpointId = env.newId();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		touchpointsOf(doc).set(touchpointId, map);
		setFields(map, {
			providerId: input.providerId,
			kind: input.kind,
			date: input.date,
			outcome: input.outcome,
			source: input.source ?? 'manual',
			createdAt: env.now().toISOString(),
			nextDue: next?.due ?? null,
			nextKind: next?.kind ?? null,
			nextNote: next?.note ?? null,
			clientId: input.clientId ?? null
		});
		if (stage !== previousStage) provider.set('stage', stage);
	});
	return { touchpointId, firstContact, next, previousStage, stage };
}

export interface TouchpointEdit {
	kind: TouchpointKind;
	date: IsoDate;
	outcome: string;
	next: NextStep | null;
}

/**
 * Corrects a logged touchpoint: what it was, when, what came of it and its next step. Only the
 * fields that changed are written. The provider's stage is left alone: the trainer sets it.
 */
export function updateTouchpoint(doc: Y.Doc, id: string, edit: TouchpointEdit): boolean {
	const map = touchpointsOf(doc).get(id);
	if (!map) return false;
	doc.transact(() =>
		setFields(map, {
			kind: edit.kind,
			date: edit.date,
			outcome: edit.outcome,
			nextDue: edit.next?.due ?? null,
			nextKind: edit.next?.kind ?? null,
			nextNote: edit.next?.note ?? null
		})
	);
	return true;
}

export function deleteTouchpoint(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		touchpointsOf(doc).delete(id);
		for (const map of referralsOf(doc).values()) if (map.get('touchpointId') === id) map.delete('touchpointId');
	});
}

/** Takes back a touchpoint just logged, and the stage it moved, unless the stage was changed since. */
export function undoTouchpoint(doc: Y.Doc, logged: Pick<LoggedTouchpoint, 'touchpointId' | 'previousStage' | 'stage'> & { providerId: string }): void {
	doc.transact(() => {
		touchpointsOf(doc).delete(logged.touchpointId);
		const provider = providersOf(doc).get(logged.providerId);
		if (provider && provider.get('stage') === logged.stage) provider.set('stage', logged.previousStage);
	});
}

export interface ReferralInput {
	providerId: string;
	clientId: string | null;
	personName: string;
	date: IsoDate;
	note: string;
}

/** Records a referral with its "referral received" touchpoint, which plans the thank-you. */
export function recordReferral(doc: Y.Doc, input: ReferralInput, env: Env = defaultEnv): { referralId: string; touchpoint: LoggedTouchpoint } | null {
	let result: { referralId: string; touchpoint: LoggedTouchpoint } | null = null;
	doc.transact(() => {
		const touchpoint = logTouchpoint(
			doc,
			{
				providerId: input.providerId,
				kind: 'referral_received',
				date: input.date,
				outcome: input.personName ? `Referred ${input.personName}.` : 'Referral received.',
				source: 'referral'
			},
			env
		);
		if (!touchpoint) return;
		const referralId = env.newId();
		const map = new Y.Map<unknown>();
		referralsOf(doc).set(referralId, map);
		setFields(map, {
			providerId: input.providerId,
			clientId: input.clientId,
			personName: input.personName,
			date: input.date,
			note: input.note,
			touchpointId: touchpoint.touchpointId,
			createdAt: env.now().toISOString()
		});
		result = { referralId, touchpoint };
	});
	return result;
}

export function linkReferral(doc: Y.Doc, id: string, client: { clientId: string | null; personName: string }): void {
	const map = referralsOf(doc).get(id);
	if (map) doc.transact(() => setFields(map, { clientId: client.clientId, personName: client.personName }));
}

/** Corrects a referral; its "referral received" touchpoint moves to the same date. */
export function updateReferral(doc: Y.Doc, id: string, edit: Omit<ReferralInput, 'providerId'>): boolean {
	const map = referralsOf(doc).get(id);
	if (!map) return false;
	doc.transact(() => {
		setFields(map, { clientId: edit.clientId, personName: edit.personName, date: edit.date, note: edit.note });
		const touchpointId = map.get('touchpointId');
		const touchpoint = typeof touchpointId === 'string' ? touchpointsOf(doc).get(touchpointId) : undefined;
		if (touchpoint) setFields(touchpoint, { date: edit.date, outcome: edit.personName ? `Referred ${edit.personName}.` : 'Referral received.' });
	});
	return true;
}

export function deleteReferral(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		const map = referralsOf(doc).get(id);
		const touchpointId = map?.get('touchpointId');
		if (typeof touchpointId === 'string') touchpointsOf(doc).delete(touchpointId);
		referralsOf(doc).delete(id);
	});
}

export function setFollowUpDays(doc: Y.Doc, days: number): void {
	if (!(FOLLOW_UP_DAY_CHOICES as readonly number[]).includes(days)) throw new RangeError(`A follow-up is due after 5, 6 or 7 days, not ${days}.`);
	settingsOf(doc).set('followUpDays', days);
}
