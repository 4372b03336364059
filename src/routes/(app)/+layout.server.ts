import { formatContextOfUser } from '$server/practice/format-context.ts';
import { DEFAULT_FORMAT } from '$lib/shared/format.ts';
import { services } from '$lib/server/services.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user ? { id: locals.user.id, name: locals.user.name, role: locals.user.role } : null,
	// The practice's locale and time zone: components format with the same context the server rendered with.
	format: locals.user ? await formatContextOfUser(services().db, locals.user) : DEFAULT_FORMAT
});
