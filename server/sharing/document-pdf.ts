// One way from a document's Y.Doc to its PDF, for the share page's live and sent versions and the
// practice export: its text, and for a kind that records measures the outcomes table.
import type * as Y from 'yjs';
import type { FormatContext } from '../../src/lib/shared/format.ts';
import { summaryTable } from '../../src/lib/shared/measures/summary-table.ts';
import type { DocumentKind } from '../db/schema.ts';
import { documentKindInfo } from '../../src/lib/shared/practice/document-kinds.ts';
import { measuresOf } from '../practice/document-measures.ts';
import { reportPdf, type Paper } from './pdf.ts';
import { documentJSON } from './render.ts';

export interface PdfSubject {
	kind: DocumentKind;
	title: string;
	trainer: { name: string; practiceName: string | null };
	/** Null for a practice document, which is about no client. */
	client: { name: string; dateOfBirth: string | null } | null;
}

/** `format`: the practice's locale and time zone, for the dates in the outcomes table. */
export function documentPdf(doc: Y.Doc, subject: PdfSubject, dateLine: string, paper: Paper, format: FormatContext): Promise<Buffer> {
	const measures = documentKindInfo[subject.kind].measures ? measuresOf(doc) : null;
	const outcomes = measures
		? summaryTable(measures.measurements, measures.customs, { dateOfBirth: subject.client?.dateOfBirth ?? null, sex: measures.sex }, format)
		: undefined;
	const header = {
		practice: subject.trainer.practiceName ?? subject.trainer.name,
		trainerName: subject.trainer.name,
		clientName: subject.client?.name ?? null,
		title: subject.title,
		dateLine
	};
	return reportPdf(documentJSON(doc), header, paper, outcomes);
}
