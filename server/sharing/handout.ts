// A talk's handout from its stored state: the slides as the presenter view splits them, the
// trainer's name, practice and email from their account and their outcomes and credentials from
// their profile, dates in the practice's own format.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, type Document } from '../db/schema.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import { practiceFormat } from '../practice/format-context.ts';
import { credentialLine, readProfile } from '../practice/profile.ts';
import { formatDate } from '../../src/lib/shared/format.ts';
import { splitIntoSlides } from '../../src/lib/shared/slides/split.ts';
import { handoutPdf, type HandoutNotes } from './handout-pdf.ts';
import { documentJSON } from './render.ts';
import type { Paper } from './tagged-pdf.ts';

export async function documentHandout(db: Db, document: Document, paper: Paper, notes: HandoutNotes, now = new Date()): Promise<Buffer> {
	const [trainer] = await db
		.select({ name: users.name, email: users.email, practiceName: users.practiceName })
		.from(users)
		.where(eq(users.id, document.trainerId))
		.limit(1);
	if (!trainer) throw new Error(`No trainer ${document.trainerId} for document ${document.id}`);
	const format = await practiceFormat(db, document.trainerId);
	const profile = await readProfile(db, document.trainerId);
	const about = { outcomesStatement: profile.outcomesStatement, credentials: profile.credentials.map(credentialLine) };
	const doc = await loadStoredDocument(db, document.id);
	try {
		const slides = splitIntoSlides(documentJSON(doc));
		// The outcome summary goes here once src/lib/shared/measures/outcome-summary.ts is on main (handout-pdf.ts).
		return await handoutPdf(slides, { title: document.title, trainer, about, dateLine: `Handout, ${formatDate(now, format, 'long')}` }, paper, notes);
	} finally {
		doc.destroy();
	}
}
