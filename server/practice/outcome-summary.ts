import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { outcomeSummary, type ClientOutcomeInput, type OutcomeSummary } from '../../src/lib/shared/measures/outcome-summary.ts';
import { readMeasurements } from '../../src/lib/shared/measures/store.ts';
import type { Measurement } from '../../src/lib/shared/measures/types.ts';
import { loadStoredDocument } from '../collab/stored-document.ts';
import type { Db } from '../db/client.ts';
import { clients, documents } from '../db/schema.ts';
import { conditionsOf } from './clients.ts';

/**
 * A practice's outcome summary from what the server has stored: every client of the trainer not
 * in the trash (archived clients are discharged clients, whose outcomes count most), their
 * measurements from all their documents not in the trash. A measurement copied into a later
 * report keeps its id; where copies differ, the most recently edited document's wins.
 *
 * The summary is the trainer's alone (policy: practiceAccess); nothing here is shown per client.
 */
export async function practiceOutcomes(db: Db, trainerId: string): Promise<OutcomeSummary> {
	const rows = await db
		.select({ id: clients.id, conditions: clients.conditions })
		.from(clients)
		.where(and(eq(clients.trainerId, trainerId), isNull(clients.deletedAt), isNull(clients.purgedAt)));
	const inputs = new Map<string, ClientOutcomeInput>(rows.map((row) => [row.id, { key: row.id, conditions: conditionsOf(row), measurements: [] }]));
	if (inputs.size === 0) return outcomeSummary([]);
	const docs = await db
		.select({ id: documents.id, clientId: documents.clientId })
		.from(documents)
		.where(and(inArray(documents.clientId, [...inputs.keys()]), isNull(documents.deletedAt), isNull(documents.purgedAt)))
		.orderBy(desc(documents.updatedAt));
	const seen = new Map<string, Set<string>>();
	for (const { id, clientId } of docs) {
		const input = clientId ? inputs.get(clientId) : undefined;
		if (!input) continue;
		const doc = await loadStoredDocument(db, id);
		let measurements: Measurement[];
		try {
			measurements = readMeasurements(doc);
		} finally {
			doc.destroy();
		}
		const ids = seen.get(input.key) ?? new Set<string>();
		seen.set(input.key, ids);
		for (const measurement of measurements) {
			if (ids.has(measurement.id)) continue;
			ids.add(measurement.id);
			input.measurements.push(measurement);
		}
	}
	return outcomeSummary([...inputs.values()]);
}
