import { fail } from '@sveltejs/kit';
import { outboxOf, retryMail } from '$server/mail/outbox.ts';
import { requireTrainer } from '$lib/server/access.ts';
import { services } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/shared/forms/parse.ts';

export const load: PageServerLoad = async (event) => {
	const trainer = requireTrainer(event);
	const { db, mailer } = services();
	const rows = await outboxOf(db, trainer.id);
	return {
		configured: mailer.configured,
		messages: rows.map((row) => ({
			id: row.id,
			kind: row.kind,
			to: row.toName ? `${row.toName} <${row.toAddress}>` : row.toAddress,
			subject: row.subject,
			link: row.link,
			status: row.status,
			reason: row.lastError,
			attempts: row.attempts,
			createdAt: row.createdAt,
			sentAt: row.sentAt
		}))
	};
};

export const actions: Actions = {
	retry: async (event) => {
		const trainer = requireTrainer(event);
		const { db, mailer } = services();
		if (!mailer.configured) return fail(400, { message: 'No mail server is configured, so nothing can be sent: copy the link instead.' });
		const id = readForm(await event.request.formData()).messageId ?? '';
		if (!(await retryMail(db, trainer.id, id))) return fail(400, { message: 'That message is not waiting for a retry.' });
		// Woken by the next queued message or poll: at most a few seconds.
		return { retried: id };
	}
};
