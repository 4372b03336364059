import { normaliseConditions } from '../measures/outcome-summary.ts';
import { optionalText } from './parse.ts';
import { z } from './zod.ts';

// Shared by the server's actions and the browser, which checks a form kept offline before queueing it.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A client's details, as both the new-client and the edit forms send them. */
export const ClientForm = z.object({
	name: z.string().min(1, "Enter the client's name.").max(120, 'A name can be at most 120 characters.'),
	email: z.union([z.literal(''), z.email('Enter an email address such as name@example.com, or leave it empty.').max(254)]).optional(),
	dateOfBirth: z
		.string()
		.optional()
		.refine((value) => {
			if (!value) return true;
			if (!ISO_DATE.test(value)) return false;
			const date = new Date(`${value}T00:00:00Z`);
			return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1900-01-01' && date.getTime() <= Date.now();
		}, 'Enter a real date of birth in the past, such as 1956-04-21.'),
	notes: optionalText(5000, 'Notes'),
	// Grouping for the practice's outcome summary: a few short tags, commas between them.
	conditions: z
		.string()
		.max(500, 'Condition tags can be at most 500 characters.')
		.optional()
		.transform((value) => normaliseConditions((value ?? '').split(',')))
		.refine((tags) => tags.length <= 12, 'Give at most 12 condition tags.')
		.refine((tags) => tags.every((tag) => tag.length <= 60), 'A condition tag can be at most 60 characters.')
});

/** An id a device chose for a record it creates: a UUID, so a retried form is recognised. */
export const DeviceId = z.string().uuid('The form was damaged: reload the page and try again.');

/** The device's id when the form has one; an older page without it gets one from the server. */
export const OptionalDeviceId = z
	.union([z.literal(''), DeviceId])
	.optional()
	.transform((value) => value || undefined);
