// A client's appointment with a provider that the trainer attends: the "attended a client's
// appointment" touchpoint, and the one-page visit brief for it (client summary, recent measures,
// the trainer's questions for the provider). Whether a brief may be produced is decided in
// server/policy.ts (visitBriefAccess) under the client's consent; every brief produced is audited
// in the client's trail, like a shared report's download.
import { randomUUID } from 'node:crypto';
import type { Hocuspocus } from '@hocuspocus/server';
import { desc, eq } from 'drizzle-orm';
import type { CollabContext } from '../collab/context.ts';
import type { Db } from '../db/client.ts';
import { clientVisits, type Client, type ClientVisit, type ConsentRecord, type Document } from '../db/schema.ts';
import { readDocumentMeasures } from '../practice/document-measures.ts';
import { recordTouchpointFromServer } from '../referrals/stored-practice.server.ts';
import { formatCalendarDate, formatDate, type FormatContext } from '../../src/lib/shared/format.ts';
import { summaryTable } from '../../src/lib/shared/measures/summary-table.ts';
import type { CustomMeasure, Measurement } from '../../src/lib/shared/measures/types.ts';
import type { Sex } from '../../src/lib/shared/measures/catalogue.ts';
import { documentKindInfo } from '../../src/lib/shared/practice/document-kinds.ts';
import { appointmentTouchpoint, questionLines, type VisitInput } from '../../src/lib/shared/referrals/events.ts';
import type { Provider } from '../../src/lib/shared/referrals/types.ts';
import { recordAudit } from './audit.ts';
import { TaggedPdf, type Paper } from './tagged-pdf.ts';

/**
 * Records the appointment and logs its touchpoint on the provider's timeline, naming the client.
 * The row is the record: a practice that cannot be written to leaves it without a touchpoint,
 * logged, rather than losing the trainer's questions.
 */
export async function recordVisit(
	db: Db,
	hocuspocus: Hocuspocus<CollabContext>,
	client: Pick<Client, 'id' | 'trainerId' | 'name'>,
	provider: Pick<Provider, 'id' | 'name'>,
	input: VisitInput
): Promise<ClientVisit> {
	const [visit] = await db
		.insert(clientVisits)
		.values({
			id: randomUUID(),
			trainerId: client.trainerId,
			clientId: client.id,
			directoryProviderId: provider.id,
			providerName: provider.name,
			date: input.date,
			questions: input.questions
		})
		.returning();
	try {
		const logged = await recordTouchpointFromServer(
			hocuspocus,
			client.trainerId,
			appointmentTouchpoint({ providerId: provider.id, clientId: client.id, clientName: client.name, date: input.date })
		);
		if (logged) {
			await db.update(clientVisits).set({ touchpointId: logged.touchpointId }).where(eq(clientVisits.id, visit!.id));
			return { ...visit!, touchpointId: logged.touchpointId };
		}
	} catch (error) {
		console.error(`[visits] could not log the appointment touchpoint of visit ${visit!.id}:`, error);
	}
	return visit!;
}

export function visitsOfClient(db: Db, clientId: string): Promise<ClientVisit[]> {
	return db.select().from(clientVisits).where(eq(clientVisits.clientId, clientId)).orderBy(desc(clientVisits.date), desc(clientVisits.createdAt));
}

/** The brief keeps to one page: the most recent measures, the rest are in the reports. */
export const BRIEF_MEASURE_ROWS = 8;

export interface BriefSubject {
	visit: ClientVisit;
	client: Client;
	consent: ConsentRecord;
	/** The documents the consent lets go to this provider. */
	documents: Document[];
	trainer: { name: string; practiceName: string | null };
	format: FormatContext;
}

/** Every measure recorded in the documents the consent covers, as one series per measure. */
async function coveredMeasures(db: Db, documents: readonly Document[]) {
	const measurements: Measurement[] = [];
	const customs: CustomMeasure[] = [];
	let sex: Sex | undefined;
	for (const document of documents) {
		if (!documentKindInfo[document.kind].measures) continue;
		const found = await readDocumentMeasures(db, document.id);
		measurements.push(...found.measurements);
		customs.push(...found.customs.filter((custom) => !customs.some((known) => known.id === custom.id)));
		sex ??= found.sex;
	}
	return { measurements, customs, sex };
}

/** The brief as a tagged PDF, and its line in the client's audit trail. */
export async function visitBriefPdf(
	db: Db,
	subject: BriefSubject,
	paper: Paper,
	audit: { ipAddress: string | null; userAgent: string | null }
): Promise<Buffer> {
	const { visit, client, consent, trainer, format } = subject;
	const measures = await coveredMeasures(db, subject.documents);
	const table = summaryTable(measures.measurements, measures.customs, { dateOfBirth: client.dateOfBirth, sex: measures.sex }, format);
	const appointment = formatCalendarDate(visit.date, format, 'long');
	const pdf = new TaggedPdf({
		paper,
		margins: { top: 64, right: 56, bottom: 56, left: 56 },
		title: `Visit brief — ${client.name}`,
		author: trainer.name,
		subject: `For ${visit.providerName}, appointment of ${appointment}`,
		language: format.locale.split('-')[0] || 'en',
		baseSize: 10.5
	});
	pdf.heading(pdf.root, 1, `Visit brief: ${client.name}`, { size: 18, before: 0, after: 2 });
	pdf.paragraph(pdf.root, `For ${visit.providerName} · appointment of ${appointment} · from ${trainer.name}`, { color: '#555', after: 10 });

	pdf.heading(pdf.root, 2, 'Client summary', { size: 13, before: 4, after: 4 });
	const summary = [
		`Name: ${client.name}`,
		...(client.dateOfBirth ? [`Date of birth: ${formatCalendarDate(client.dateOfBirth, format, 'long')}`] : []),
		`Working with ${trainer.name} since ${formatDate(client.createdAt, format, 'long')}.`,
		`Shared under ${client.name}’s consent signed ${formatDate(consent.signedAt, format, 'long')}, for: ${consent.purpose}`
	];
	for (const line of summary) pdf.paragraph(pdf.root, line, { after: 2 });

	pdf.heading(pdf.root, 2, 'Recent measures', { size: 13, before: 10, after: 4 });
	if (table.rows.length === 0) {
		pdf.paragraph(pdf.root, 'No outcome measures are recorded in the reports this provider may see.', { color: '#555' });
	} else {
		const shown = table.rows.slice(0, BRIEF_MEASURE_ROWS);
		pdf.table(pdf.root, table.header, shown, { widths: [0.22, 0.17, 0.17, 0.22, 0.22], size: 8.5 });
		if (table.rows.length > shown.length)
			pdf.paragraph(pdf.root, `${table.rows.length - shown.length} more in the shared reports.`, { size: 8.5, color: '#555' });
	}

	const questions = questionLines(visit.questions);
	pdf.heading(pdf.root, 2, `Questions for ${visit.providerName}`, { size: 13, before: 10, after: 4 });
	if (questions.length === 0) pdf.paragraph(pdf.root, 'None written down.', { color: '#555' });
	else
		pdf.list(
			pdf.root,
			questions.map((_, index) => `${index + 1}.`),
			(index, body, indent) => pdf.paragraph(body, questions[index]!, { indent, after: 3 }),
			{ indent: 0, size: 10.5, color: '#000' }
		);

	const file = await pdf.finish({
		header: { left: trainer.practiceName ?? trainer.name, right: `Client: ${client.name}` },
		footer: `Confidential: for ${visit.providerName} only`
	});
	await recordAudit(db, {
		event: 'visit-brief',
		clientId: client.id,
		detail: `for ${visit.providerName}`,
		ipAddress: audit.ipAddress,
		userAgent: audit.userAgent
	});
	return file;
}
