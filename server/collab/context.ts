import type { Access, Actor } from '../policy.ts';
import type { DocumentName } from './document-name.ts';

/** What onAuthenticate establishes for a connection; every later hook reads it from here. */
export interface CollabContext {
	actor: Actor;
	access: Access;
	/** What the connection opened: a client document or a trainer's practice. */
	target: DocumentName;
	displayName: string;
}
