import type { SessionValidation } from '$server/auth/session.ts';
import type { FormatContext } from '$lib/shared/format.ts';

declare global {
	namespace App {
		interface Locals {
			user: SessionValidation['user'] | null;
			session: SessionValidation['session'] | null;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			/** The practice's locale and time zone, from the workspace layout or a share page's load. */
			format?: FormatContext;
		}
	}
}

export {};
