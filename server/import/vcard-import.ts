// Providers from an address book's vCard export (Outlook, Apple Contacts, Google Contacts: one .vcf
// file with many cards), parsed by ical.js. Each card becomes a row of the same table a CSV import
// reads, under the directory's own headings, so the preview, column mapping, checks and duplicate
// detection are the CSV import's, unchanged.
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { CsvError, IMPORT_FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './csv-import.ts';
import { providerRoles } from '../../src/lib/shared/referrals/vocabulary.ts';

export const looksLikeVcard = (text: string) => /^\uFEFF?\s*BEGIN:VCARD/i.test(text);

type Card = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

const text = (value: unknown): string => (Array.isArray(value) ? value.map(text).filter(Boolean).join(', ') : typeof value === 'string' ? value.trim() : '');
const types = (property: Property): string[] => {
	const type = property.getParameter('type');
	return (Array.isArray(type) ? type : type ? [type] : []).map((t) => String(t).toLowerCase());
};

/** The card's property of `name` whose TYPE includes `preferred`, else the first that is not `avoid`. */
function pick(card: Card, name: string, preferred: string, avoid?: string): string {
	const all = card.getAllProperties(name).filter((p) => !avoid || !types(p).includes(avoid));
	const chosen = all.find((p) => types(p).includes(preferred)) ?? all[0];
	return chosen ? text(chosen.getFirstValue()) : '';
}

const squash = (word: string) => word.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const ROLE_TITLES = new Set(['physician', 'doctor', 'physicaltherapist', 'physiotherapist', 'chiropractor', ...providerRoles.map(squash)]);

function row(card: Card): Record<string, string> {
	const n = card.getFirstPropertyValue('n');
	const structured = Array.isArray(n) ? [n[3], n[1], n[2], n[0]].map(text).filter(Boolean).join(' ') : '';
	const title = text(card.getFirstPropertyValue('title')) || text(card.getFirstPropertyValue('role'));
	// A title that names a role fills Role; any other title ("Orthopaedic surgeon") is a specialty.
	const isRole = ROLE_TITLES.has(squash(title));
	const org = card.getFirstPropertyValue('org');
	return {
		name: text(card.getFirstPropertyValue('fn')) || structured,
		role: isRole ? title : '',
		specialty: isRole ? '' : title,
		practiceName: Array.isArray(org) ? text(org[0]) : text(org),
		address: pick(card, 'adr', 'work'),
		phone: pick(card, 'tel', 'work', 'fax'),
		fax:
			card
				.getAllProperties('tel')
				.filter((p) => types(p).includes('fax'))
				.map((p) => text(p.getFirstValue()))[0] ?? '',
		email: pick(card, 'email', 'work'),
		notes: text(card.getFirstPropertyValue('note'))
	};
}

/** The cards of a .vcf file as CSV text under the provider fields' headings. */
export function vcardsAsCsv(source: string): string {
	if (Buffer.byteLength(source) > MAX_IMPORT_BYTES) throw new CsvError('The file is larger than 1 MB: export fewer contacts at a time.');
	let parsed: unknown;
	try {
		parsed = ICAL.parse(source.replace(/^\uFEFF/, ''));
	} catch {
		throw new CsvError('This vCard file could not be read: export the contacts from your address book again, as vCard (.vcf).');
	}
	const jcards = (Array.isArray(parsed) && parsed[0] === 'vcard' ? [parsed] : (parsed as unknown[])) as unknown[];
	const cards = jcards.map((jcard) => new ICAL.Component(jcard as ConstructorParameters<typeof ICAL.Component>[0])).filter((card) => card.name === 'vcard');
	if (cards.length === 0) throw new CsvError('The file holds no contacts.');
	if (cards.length > MAX_IMPORT_ROWS) throw new CsvError(`The file has ${cards.length} contacts; import at most ${MAX_IMPORT_ROWS} at a time.`);
	const fields = IMPORT_FIELDS.providers;
	const rows = cards.map(row);
	return Papa.unparse({ fields: fields.map((f) => f.label), data: rows.map((r) => fields.map((f) => r[f.key] ?? '')) });
}
