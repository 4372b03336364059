import type { SubmitFunction } from '@sveltejs/kit';
import { connectivity, isNetworkFailure } from '$lib/sync/connectivity.svelte.ts';

/**
 * For use:enhance on forms that need the server (signing in, invitations, share links): after a
 * refused submit, keep what the person typed but never a password, and flag the form busy while it
 * is on its way. Offline, nothing is sent and nothing is lost: the form stays as typed, and the
 * page's <NeedsConnection> says why.
 */
export function keepValues(setBusy: (busy: boolean) => void = () => {}): SubmitFunction {
	return ({ cancel }) => {
		if (!navigator.onLine) {
			connectivity.lost();
			cancel();
			return;
		}
		setBusy(true);
		return async ({ result, update, formElement }) => {
			setBusy(false);
			if (result.type === 'error' && isNetworkFailure(result.error)) {
				// The connection went while sending: keep the form as typed rather than show an error page.
				connectivity.lost();
				return;
			}
			connectivity.found();
			await update({ reset: false });
			for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
		};
	};
}
