// Clients and providers from a spreadsheet's CSV: parsed by papaparse (quotes, embedded commas and
// line breaks, a byte-order mark), columns mapped to fields by their headings (the trainer may
// change the mapping), every row checked with the same rules as the forms, and rows that match a
// record already there, or an earlier row, marked as duplicates. Nothing here stores anything:
// the preview shows this plan, and only a confirmation carries it out.
import Papa from 'papaparse';
import { ClientForm } from '../../src/lib/shared/forms/client-form.ts';
import { ProviderSchema } from '../../src/lib/shared/referrals/validation.ts';
import type { ProviderFields } from '../../src/lib/shared/referrals/types.ts';
import { providerRoles, type ProviderRole } from '../../src/lib/shared/referrals/vocabulary.ts';

export type ImportKind = 'clients' | 'providers';
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;

interface FieldSpec {
	key: string;
	label: string;
	/** Headings that mean this field, compared without case, spaces or punctuation. */
	aliases: string[];
	required?: boolean;
}

export const IMPORT_FIELDS: Record<ImportKind, FieldSpec[]> = {
	clients: [
		{ key: 'name', label: 'Name', aliases: ['name', 'fullname', 'client', 'clientname'], required: true },
		{ key: 'email', label: 'Email', aliases: ['email', 'emailaddress', 'mail'] },
		{ key: 'dateOfBirth', label: 'Date of birth', aliases: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'born'] },
		{ key: 'notes', label: 'Notes', aliases: ['notes', 'note', 'comments'] }
	],
	providers: [
		{ key: 'name', label: 'Name', aliases: ['name', 'fullname', 'provider', 'providername', 'doctor'], required: true },
		{ key: 'role', label: 'Role', aliases: ['role', 'type', 'kind', 'profession'] },
		{ key: 'specialty', label: 'Specialty', aliases: ['specialty', 'speciality'] },
		{ key: 'practiceName', label: 'Practice', aliases: ['practice', 'practicename', 'clinic', 'organisation', 'organization', 'company'] },
		{ key: 'address', label: 'Address', aliases: ['address', 'streetaddress'] },
		{ key: 'phone', label: 'Phone', aliases: ['phone', 'telephone', 'tel', 'phonenumber'] },
		{ key: 'fax', label: 'Fax', aliases: ['fax', 'faxnumber'] },
		{ key: 'email', label: 'Email', aliases: ['email', 'emailaddress', 'mail'] },
		{ key: 'notes', label: 'Notes', aliases: ['notes', 'note', 'comments'] }
	]
};

export type Mapping = Record<string, number>;

export interface ParsedCsv {
	headers: string[];
	rows: string[][];
}

export class CsvError extends Error {}

const squash = (heading: string) => heading.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function parseCsv(text: string): ParsedCsv {
	if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new CsvError('The file is larger than 1 MB: split it into smaller files.');
	const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
	const fatal = result.errors.find((e) => e.type === 'Quotes');
	if (fatal) throw new CsvError(`Row ${(fatal.row ?? 0) + 1} has a quote that is never closed: check the file in a spreadsheet and save it as CSV again.`);
	const [headers, ...rows] = result.data;
	if (!headers || headers.every((h) => h.trim() === '')) throw new CsvError('The file is empty: the first row should name the columns.');
	if (rows.length === 0) throw new CsvError('The file has a heading row but no rows below it.');
	if (rows.length > MAX_IMPORT_ROWS) throw new CsvError(`The file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`);
	return { headers: headers.map((h) => h.trim()), rows };
}

export function guessMapping(kind: ImportKind, headers: readonly string[]): Mapping {
	const mapping: Mapping = {};
	const squashed = headers.map(squash);
	for (const field of IMPORT_FIELDS[kind]) mapping[field.key] = squashed.findIndex((heading) => field.aliases.includes(heading));
	return mapping;
}

/** The mapping a form sent (map_<field> = column index, or -1), checked against the headings. */
export function mappingFrom(kind: ImportKind, headers: readonly string[], values: Record<string, string>): Mapping {
	const guessed = guessMapping(kind, headers);
	const mapping: Mapping = {};
	for (const field of IMPORT_FIELDS[kind]) {
		const raw = values[`map_${field.key}`];
		const index = raw === undefined ? guessed[field.key]! : Number(raw);
		mapping[field.key] = Number.isInteger(index) && index >= -1 && index < headers.length ? index : -1;
	}
	return mapping;
}

export type RowStatus = 'new' | 'duplicate' | 'invalid';

export interface PlannedRow<T> {
	/** The row's line in the file, counting the heading as line 1, as a spreadsheet shows it. */
	line: number;
	values: Record<string, string>;
	status: RowStatus;
	/** What is wrong (invalid), or which record it repeats (duplicate). */
	messages: string[];
	record?: T;
}

function mapped(kind: ImportKind, row: readonly string[], mapping: Mapping): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of IMPORT_FIELDS[kind]) {
		const index = mapping[field.key] ?? -1;
		values[field.key] = index >= 0 ? (row[index] ?? '').trim() : '';
	}
	return values;
}

function issues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }, kind: ImportKind): string[] {
	return error.issues.map((issue) => {
		const field = IMPORT_FIELDS[kind].find((f) => f.key === issue.path[0]);
		return field ? `${field.label}: ${issue.message}` : issue.message;
	});
}

export interface ClientRecord {
	name: string;
	email: string | null;
	dateOfBirth: string | null;
	notes: string;
}

const personKey = (name: string, dateOfBirth: string | null) => `${name.toLocaleLowerCase().replace(/\s+/g, ' ')}|${dateOfBirth ?? ''}`;

export function planClients(
	parsed: ParsedCsv,
	mapping: Mapping,
	existing: ReadonlyArray<{ name: string; email: string | null; dateOfBirth: string | null }>
): PlannedRow<ClientRecord>[] {
	const emails = new Map<string, string>();
	const people = new Map<string, string>();
	for (const client of existing) {
		if (client.email) emails.set(client.email.toLocaleLowerCase(), `${client.name}, already a client`);
		people.set(personKey(client.name, client.dateOfBirth), `${client.name}, already a client`);
	}
	return parsed.rows.map((row, index) => {
		const line = index + 2;
		const values = mapped('clients', row, mapping);
		const result = ClientForm.safeParse(values);
		if (!result.success) return { line, values, status: 'invalid', messages: issues(result.error, 'clients') };
		const record: ClientRecord = {
			name: result.data.name,
			email: result.data.email ? result.data.email.toLocaleLowerCase() : null,
			dateOfBirth: result.data.dateOfBirth || null,
			notes: result.data.notes ?? ''
		};
		const same = (record.email && emails.get(record.email)) || people.get(personKey(record.name, record.dateOfBirth));
		if (same) return { line, values, status: 'duplicate', messages: [`The same person as ${same}.`] };
		if (record.email) emails.set(record.email, `row ${line}`);
		people.set(personKey(record.name, record.dateOfBirth), `row ${line}`);
		return { line, values, status: 'new', messages: [], record };
	});
}

const ROLE_WORDS: Record<string, ProviderRole> = {
	physician: 'physician',
	doctor: 'physician',
	md: 'physician',
	gp: 'physician',
	do: 'physician',
	physicaltherapist: 'physical_therapist',
	physiotherapist: 'physical_therapist',
	physio: 'physical_therapist',
	pt: 'physical_therapist',
	dpt: 'physical_therapist',
	chiropractor: 'chiropractor',
	chiro: 'chiropractor',
	dc: 'chiropractor',
	other: 'other'
};

const providerKey = (name: string) =>
	name
		.toLocaleLowerCase()
		.replace(/^(dr\.?|doctor)\s+/, '')
		.replace(/[^\p{L}\p{N}]+/gu, '');

export function planProviders(parsed: ParsedCsv, mapping: Mapping, existing: ReadonlyArray<{ name: string }>): PlannedRow<ProviderFields>[] {
	const names = new Map<string, string>();
	for (const provider of existing) names.set(providerKey(provider.name), `${provider.name}, already in the directory`);
	return parsed.rows.map((row, index) => {
		const line = index + 2;
		const values = mapped('providers', row, mapping);
		const roleWord = squash(values.role ?? '');
		const role = roleWord === '' ? 'other' : (ROLE_WORDS[roleWord] ?? (providerRoles as readonly string[]).find((r) => squash(r) === roleWord));
		if (!role)
			return { line, values, status: 'invalid', messages: [`Role: "${values.role}" is not one of physician, physical therapist, chiropractor or other.`] };
		const result = ProviderSchema.safeParse({ ...values, role, stage: 'researching', reportPreference: '' });
		if (!result.success) return { line, values, status: 'invalid', messages: issues(result.error, 'providers') };
		const same = names.get(providerKey(result.data.name));
		if (same) return { line, values, status: 'duplicate', messages: [`The same provider as ${same}.`] };
		names.set(providerKey(result.data.name), `row ${line}`);
		return { line, values, status: 'new', messages: [], record: result.data };
	});
}
