/**
 * A Svelte action for a form panel opened by a button: the button goes away, so focus would fall to
 * the page body; it goes to the first field instead, where the work is.
 */
export function focusFirstField(node: HTMLElement): void {
	node.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
}

/** A Svelte action for the one control a result is for (the new link's "Copy link"): focus it on arrival. */
export function focusOnMount(node: HTMLElement): void {
	node.focus();
}
