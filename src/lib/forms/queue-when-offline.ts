import type { SubmitFunction } from '@sveltejs/kit';
import { connectivity, isNetworkFailure } from '$lib/sync/connectivity.svelte.ts';
import type { Outbox } from '$lib/sync/outbox.svelte.ts';
import type { OutboxKind } from '$lib/sync/outbox.ts';

export interface QueueOptions {
	outbox: () => Outbox | null;
	kind: OutboxKind;
	/** Where the waiting entry is listed. */
	scope: string;
	/** What names it, from the form as typed. */
	label: (form: FormData) => string;
	/** Checked before queueing, so what waits is what the server takes; field → message. */
	check?: (form: FormData) => Record<string, string> | null;
	/** The form was kept on the device: close it, say it waits. */
	onqueued: (label: string) => void;
	/** It could not be kept (refused shape, or the device's storage failed): show why, keep the form. */
	onrefused: (errors: Record<string, string>) => void;
}

/**
 * use:enhance for forms that create a record: online they submit as usual; offline, or when the
 * connection drops while sending, the form goes to the outbox instead of to an error page, and is
 * sent by itself when the connection returns. The form must carry the record's id (a hidden "id").
 */
export function queueWhenOffline(options: QueueOptions): SubmitFunction {
	return ({ formData, action, cancel }) => {
		const queue = async () => {
			const errors = options.check?.(formData) ?? null;
			if (errors) return options.onrefused(errors);
			const outbox = options.outbox();
			const id = formData.get('id');
			if (!outbox || typeof id !== 'string' || !id)
				return options.onrefused({ form: 'This form cannot be kept offline: reload the page once you are online.' });
			const label = options.label(formData);
			try {
				await outbox.add({
					id,
					kind: options.kind,
					action: action.pathname + action.search,
					fields: [...formData].filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
					label,
					scope: options.scope
				});
			} catch (error) {
				return options.onrefused({ form: error instanceof Error ? error.message : 'This device could not keep the form.' });
			}
			options.onqueued(label);
		};
		if (!navigator.onLine) {
			connectivity.lost();
			cancel();
			void queue();
			return;
		}
		return async ({ result, update }) => {
			if (result.type === 'error' && isNetworkFailure(result.error)) {
				connectivity.lost();
				await queue();
				return;
			}
			connectivity.found();
			await update({ reset: false });
		};
	};
}
