import { formatDate } from '$lib/shared/format.ts';
import { outcomeTable } from '$lib/shared/measures/outcome-summary-table.ts';
import { practiceFormat } from '$server/practice/format-context.ts';
import { practiceOutcomes } from '$server/practice/outcome-summary.ts';
import { users } from '$server/db/schema.ts';
import { outcomeSummaryPdf } from '$server/sharing/outcome-summary-pdf.ts';
import { requirePractice } from '$lib/server/access.ts';
import { paperFrom, pdfResponse } from '$lib/server/share-request.ts';
import { services } from '$lib/server/services.ts';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';

/** The outcome summary on one page, for the trainer to hand out: groups under five left out. */
export const GET: RequestHandler = async (event) => {
	const user = requirePractice(event);
	const { db } = services();
	const [trainer] = await db.select({ name: users.name, practiceName: users.practiceName }).from(users).where(eq(users.id, user.id)).limit(1);
	const format = await practiceFormat(db, user.id);
	const table = outcomeTable(await practiceOutcomes(db, user.id), format);
	const practice = trainer?.practiceName ?? trainer?.name ?? user.name;
	const pdf = await outcomeSummaryPdf(
		table,
		{ practice, trainerName: trainer?.name ?? user.name, dateLine: `Outcomes as of ${formatDate(new Date(), format, 'long')}`, language: format.locale },
		paperFrom(event.url)
	);
	return pdfResponse(pdf, `Outcome summary - ${practice}`);
};
