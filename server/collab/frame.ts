import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

// Hocuspocus's message types as a client may send them (server/src/types.ts). BroadcastStateless
// (6) is server-internal, and SyncStatus, Ping and Pong (8-10) only ever go to the client.
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const STATELESS = 5;
const CLOSE = 7;

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const UPDATE = 2;

function readAwareness(payload: Uint8Array): void {
	const decoder = decoding.createDecoder(payload);
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder); // client id
		decoding.readVarUint(decoder); // clock
		JSON.parse(decoding.readVarString(decoder));
	}
}

function readSync(decoder: decoding.Decoder): void {
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	if (step === SYNC_STEP_1) Y.decodeStateVector(payload);
	else if (step !== SYNC_STEP_2 && step !== UPDATE) throw new Error(`sync step ${step}`);
	// Updates are decoded by the update guard, which also knows the document they would join.
}

/**
 * Reads a frame's envelope as Hocuspocus will, and says what is wrong with it, or null. Hocuspocus
 * answers an envelope it cannot read with a stack trace in the log and an awareness payload it
 * cannot parse with an exception; a frame that passes here reaches neither.
 */
export function frameProblem(data: Uint8Array): string | null {
	try {
		const decoder = decoding.createDecoder(data);
		decoding.readVarString(decoder); // document address
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case SYNC:
			case SYNC_REPLY:
				readSync(decoder);
				break;
			case AWARENESS:
				readAwareness(decoding.readVarUint8Array(decoder));
				break;
			case AUTH:
				// A client only ever sends a token; Hocuspocus logs a line for any other kind.
				if (decoding.readVarUint(decoder) !== 0) return 'authentication message kind';
				decoding.readVarString(decoder);
				if (decoding.hasContent(decoder)) decoding.readVarString(decoder);
				break;
			case STATELESS:
				decoding.readVarString(decoder);
				break;
			case QUERY_AWARENESS:
			case CLOSE:
				break;
			default:
				return `message type ${type}`;
		}
		return decoding.hasContent(decoder) ? 'trailing bytes' : null;
	} catch {
		return 'unreadable frame';
	}
}
