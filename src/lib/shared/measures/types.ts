import type { Direction } from './catalogue.ts';

/** One recorded value (two for blood pressure), as stored in the document and read back. */
export interface Measurement {
	id: string;
	/** Calendar date the measure was taken, YYYY-MM-DD. */
	date: string;
	/** A built-in measure id, or a custom measure's id. */
	measure: string;
	unit: string;
	/** Component key → value: { value: 9 }, or { systolic: 128, diastolic: 82 }. */
	values: Record<string, number>;
	/** Side ('left' / 'right') or the activity, joint or location the value belongs to. */
	qualifier?: string;
	note?: string;
	/** Who recorded it, by display name, for the audit a provider may ask about. */
	by?: string;
	/** When it was recorded (ms since epoch), distinct from the date it was taken. */
	recordedAt?: number;
}

/** A measure the trainer defines for one client's documents. */
export interface CustomMeasure {
	id: string;
	label: string;
	unit: string;
	min: number;
	max: number;
	decimals: number;
	direction: Direction;
}

export const sides = ['left', 'right'] as const;
export type Side = (typeof sides)[number];
export const sideLabels: Record<Side, string> = { left: 'Left', right: 'Right' };
