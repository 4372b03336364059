import { tick } from 'svelte';

/** After a refused submit, move focus to the first field with an error, as a screen reader user needs. */
export async function focusFirstError(form: HTMLFormElement | undefined): Promise<void> {
	await tick();
	form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export function errorSummary(errors: Record<string, string>): string {
	const count = Object.keys(errors).length;
	return count === 1 ? 'Nothing was saved: check the field marked below.' : `Nothing was saved: check the ${count} fields marked below.`;
}
