// The browser's side of src/lib/shared/format.ts: the context the server rendered the page with,
// from the page's data (the workspace layout, or a share page's load), so a hydrated page formats
// exactly as its server render did.
import { page } from '$app/state';
import { DEFAULT_FORMAT, type FormatContext } from '$lib/shared/format.ts';

export function pageFormat(): FormatContext {
	return page.data.format ?? DEFAULT_FORMAT;
}
