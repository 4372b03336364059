import type { Access, Actor } from '../policy.ts';
import type { PresenceRedactingSocket } from './presence.ts';

/** What onAuthenticate establishes for a connection; every later hook reads it from here. */
export interface CollabContext {
	actor: Actor;
	access: Access;
	documentId: string;
	clientId: string;
	displayName: string;
	/** The session that opened the connection, for people who signed in; ended with it. */
	sessionId?: string;
	/** The socket this connection writes to, set when the WebSocket opens. */
	transport?: PresenceRedactingSocket;
}
