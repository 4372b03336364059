import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { clients } from '$server/db/schema.ts';
import {
	CsvError,
	guessMapping,
	IMPORT_FIELDS,
	mappingFrom,
	MAX_IMPORT_BYTES,
	parseCsv,
	planClients,
	planProviders,
	type ClientRecord,
	type ImportKind,
	type ParsedCsv
} from '$server/import/csv-import.ts';
import { looksLikeVcard, vcardsAsCsv } from '$server/import/vcard-import.ts';
import { addProvider } from '$lib/shared/referrals/practice-doc.ts';
import type { ProviderFields } from '$lib/shared/referrals/types.ts';
import { changePracticeFromServer, readStoredPractice } from '$server/referrals/stored-practice.server.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/shared/forms/parse.ts';

export const load: PageServerLoad = (event) => {
	requireTrainer(event);
	const kind: ImportKind = event.url.searchParams.get('kind') === 'providers' ? 'providers' : 'clients';
	return { kind, fields: IMPORT_FIELDS[kind] };
};

async function plan(trainerId: string, kind: ImportKind, parsed: ParsedCsv, values: Record<string, string>) {
	const { db } = services();
	const mapping = values.map_name === undefined ? guessMapping(kind, parsed.headers) : mappingFrom(kind, parsed.headers, values);
	if (kind === 'clients') {
		const existing = await db
			.select({ name: clients.name, email: clients.email, dateOfBirth: clients.dateOfBirth })
			.from(clients)
			.where(and(eq(clients.trainerId, trainerId), isNull(clients.purgedAt)));
		return { mapping, rows: planClients(parsed, mapping, existing) };
	}
	const practice = await readStoredPractice(db, trainerId);
	return { mapping, rows: planProviders(parsed, mapping, [...practice.providers, ...practice.archivedProviders]) };
}

async function read(event: Parameters<Actions[string]>[0]) {
	const form = await event.request.formData();
	// A pasted file is read as pasted, up to just past the size the import refuses with its message.
	const values = readForm(form, { csv: { max: MAX_IMPORT_BYTES + 1, trim: false } });
	const file = form.get('file');
	const text = file instanceof File && file.size > 0 ? await file.text() : (values.csv ?? '');
	const kind: ImportKind = values.kind === 'providers' ? 'providers' : 'clients';
	return { values, text, kind };
}

/** The file as CSV text and its table: a provider import also takes an address book's vCards. */
function tableOf(kind: ImportKind, text: string): { csv: string; parsed: ParsedCsv } {
	const csv = kind === 'providers' && looksLikeVcard(text) ? vcardsAsCsv(text) : text;
	return { csv, parsed: parseCsv(csv) };
}

function summary(rows: Array<{ status: string }>) {
	return {
		new: rows.filter((r) => r.status === 'new').length,
		duplicate: rows.filter((r) => r.status === 'duplicate').length,
		invalid: rows.filter((r) => r.status === 'invalid').length
	};
}

export const actions: Actions = {
	// Reads and checks the file and shows what would happen; stores nothing.
	preview: async (event) => {
		const user = requireTrainer(event);
		const { values, text, kind } = await read(event);
		let table: { csv: string; parsed: ParsedCsv };
		try {
			table = tableOf(kind, text);
		} catch (caught) {
			if (caught instanceof CsvError) return fail(400, { kind, message: caught.message });
			throw caught;
		}
		const { csv, parsed } = table;
		const { mapping, rows } = await plan(user.id, kind, parsed, values);
		return {
			kind,
			csv,
			headers: parsed.headers,
			mapping,
			rows: rows.map(({ line, values, status, messages }) => ({ line, values, status, messages })),
			counts: summary(rows)
		};
	},
	// Checks the same file again (the records may have changed since the preview) and stores the new rows.
	confirm: async (event) => {
		const user = requireTrainer(event);
		const { values, text, kind } = await read(event);
		let parsed: ParsedCsv;
		try {
			parsed = tableOf(kind, text).parsed;
		} catch (caught) {
			if (caught instanceof CsvError) return fail(400, { kind, message: caught.message });
			throw caught;
		}
		const { rows } = await plan(user.id, kind, parsed, values);
		const counts = summary(rows);
		if (kind === 'clients') {
			const records = rows.flatMap((row) => (row.status === 'new' && row.record ? [row.record as ClientRecord] : []));
			await services().db.transaction(async (tx) => {
				for (let i = 0; i < records.length; i += 100) {
					await tx.insert(clients).values(records.slice(i, i + 100).map((record) => ({ id: randomUUID(), trainerId: user.id, ...record })));
				}
			});
		} else {
			const records = rows.flatMap((row) => (row.status === 'new' && row.record ? [row.record as ProviderFields] : []));
			if (records.length > 0) {
				// One change of the practice document: every device sees the whole import at once.
				await changePracticeFromServer(services().collab.hocuspocus, user.id, (doc) => records.forEach((record) => addProvider(doc, record)));
			}
		}
		return { kind, done: counts };
	}
};
