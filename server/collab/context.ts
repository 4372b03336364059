import type { Access, Actor } from '../policy.ts';
import type { DocumentName } from './document-name.ts';
import type { PresenceRedactingSocket } from './presence.ts';

/** What onAuthenticate establishes for a connection; every later hook reads it from here. */
export interface CollabContext {
	actor: Actor;
	access: Access;
	/** What the connection opened: a client document or a trainer's practice. */
	target: DocumentName;
	/** The client whose document it is; absent for a practice. */
	clientId?: string;
	displayName: string;
	/** The session that opened the connection, for people who signed in; ended with it. */
	sessionId?: string;
	/** The socket this connection writes to, set when the WebSocket opens. */
	transport?: PresenceRedactingSocket;
	/** The address the socket came from, set when the WebSocket opens; share tokens are throttled by it. */
	address?: string;
}
