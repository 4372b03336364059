import type { Access, AccessSubject, Actor, CollabCredentials, CollabDecision } from '../policy.ts';
import type { DocumentName } from '../../src/lib/shared/collab/document-name.ts';
import type { PresenceRedactingSocket } from './presence.ts';

/**
 * What onAuthenticate establishes for a connection; every later hook reads it from here. The
 * access fields are the policy's decision (policy.ts, collabAccess), and are replaced whenever the
 * access watcher decides again.
 */
export interface CollabContext {
	actor: Actor;
	access: Access;
	/** What the connection opened: a client document or a trainer's practice. */
	target: DocumentName;
	/** The client whose document it is; absent for a practice. */
	clientId?: string;
	displayName: string;
	/**
	 * What the connection presented, kept so the same decision can be taken again; 'server' for
	 * the server's own direct connections, made by actions that were authorized already.
	 */
	credentials: CollabCredentials | { kind: 'server' };
	/** When the access ends by itself; the connection is decided again at that moment. */
	validUntil: number | null;
	/** The rows the decision rests on: a change to any of them decides again. */
	subjects: AccessSubject[];
	/** The socket this connection writes to, set when the WebSocket opens. */
	transport?: PresenceRedactingSocket;
	/** The address the socket came from, set when the WebSocket opens; share tokens are throttled by it. */
	address?: string;
}

type Granted = Extract<CollabDecision, { access: 'read' | 'write' }>;

/** The part of the context a decision sets: written when a connection opens and on each re-decision. */
export function decidedFields(decision: Granted): Pick<CollabContext, 'actor' | 'access' | 'clientId' | 'displayName' | 'validUntil' | 'subjects'> {
	const { actor, access, clientId, displayName, validUntil, subjects } = decision;
	return { actor, access, clientId, displayName, validUntil, subjects };
}

/** The context of a direct connection the server opens itself, for an action already authorized. */
export function serverContext(actor: Actor, target: DocumentName, displayName = 'Bridgework'): CollabContext {
	return { actor, access: 'write', target, displayName, credentials: { kind: 'server' }, validUntil: null, subjects: [] };
}
