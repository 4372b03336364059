import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For use:enhance: after a refused submit, keep what the person typed but never a password, and
 * flag the form busy while it is on its way.
 */
export function keepValues(setBusy: (busy: boolean) => void = () => {}): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update, formElement }) => {
			await update({ reset: false });
			for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
			setBusy(false);
		};
	};
}
