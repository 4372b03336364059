import type { SessionValidation } from '$server/auth/session.ts';

declare global {
	namespace App {
		interface Locals {
			user: SessionValidation['user'] | null;
			session: SessionValidation['session'] | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
