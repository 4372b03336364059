import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainerWithDocument, type SignedIn } from './helpers/accounts.ts';
import { allSaved, appendParagraph, connectPeer, documentName, eventually, within, type TestPeer } from './helpers/collab.ts';
import { frame, RawSocket } from './helpers/raw-socket.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

// Small limits, so that the test reaches them; the defaults are far above what an editor does.
const LIMITS = {
	COLLAB_MAX_FRAME_BYTES: String(64 * 1024),
	COLLAB_MAX_CONNECTIONS: '12',
	COLLAB_MAX_UNAUTHENTICATED_PER_ADDRESS: '3',
	COLLAB_MAX_MESSAGES_PER_SECOND: '20'
};

let server: RunningServer;
let trainer: SignedIn;
let name: string;

beforeAll(async () => {
	server = await startServer({ env: LIMITS });
	const owned = await trainerWithDocument(server);
	trainer = owned.trainer;
	name = documentName(owned.documentId);
});
afterAll(() => server?.stop());

/** Opens a raw socket once the server lets one in again (bounded: five seconds). */
async function openWhenAllowed(): Promise<RawSocket> {
	for (let attempt = 0; attempt < 50; attempt++) {
		try {
			return await RawSocket.open(server);
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	throw new Error('no place came free');
}

const queryAwareness = () => frame(name, (e) => encoding.writeVarUint(e, 3));

describe('/collab limits', () => {
	it('closes a socket that sends a frame over the size limit, from its header, and keeps serving editors', async () => {
		const attacker = await RawSocket.open(server);
		attacker.send(new Uint8Array(100 * 1024));
		// 1009 (too big) when the close frame gets out before the server cuts the connection, else 1006.
		expect([1006, 1009]).toContain((await within(attacker.closed, 10_000, 'the oversized frame to be refused')).code);
		await eventually(() => server.output().includes('Max payload size exceeded'), { what: 'the refusal in the log' });

		const editor = connectPeer(server, name, trainer.token);
		await within(editor.synced, 10_000, 'an editor to sync');
		// A long paragraph, still well under the limit, passes.
		appendParagraph(editor, 'Sit-to-stand ×5 in 11.2 s. '.repeat(1000));
		await allSaved(editor);
		editor.destroy();
	});

	it('caps the unauthenticated sockets of one address, and counts one no longer once it authenticates', async () => {
		const waiting = await Promise.all([RawSocket.open(server), RawSocket.open(server), RawSocket.open(server)]);
		const opened = [...waiting];
		try {
			await expect(RawSocket.open(server)).rejects.toThrow('refused');
			expect(await waiting[0]!.authenticate(name, trainer.token)).toEqual({ authenticated: 'read-write' });
			// It stops counting once its connection is set up (the document loaded), a moment after
			// the answer above: a place comes free then.
			opened.push(await openWhenAllowed());
		} finally {
			for (const socket of opened) socket.close();
			await Promise.all(opened.map((socket) => socket.closed));
		}
	});

	it('caps the sockets open at once', async () => {
		const peers: TestPeer[] = [];
		try {
			// Authenticated sockets, so that only the overall cap applies.
			for (let i = 0; i < 12; i++) {
				const peer = connectPeer(server, name, trainer.token);
				peers.push(peer);
				await within(peer.synced, 10_000, `peer ${i} to sync`);
			}
			await expect(RawSocket.open(server)).rejects.toThrow('refused');
			peers.pop()!.destroy();
			const socket = await openWhenAllowed();
			socket.close();
		} finally {
			for (const peer of peers) peer.destroy();
		}
	});

	it('closes a socket that sends faster than the message rate, and only that one', async () => {
		const editor = connectPeer(server, name, trainer.token);
		await within(editor.synced, 10_000, 'an editor to sync');
		const flooder = await RawSocket.open(server);
		expect(await flooder.authenticate(name, trainer.token)).toEqual({ authenticated: 'read-write' });
		for (let i = 0; i < 400; i++) flooder.send(queryAwareness());
		expect(await within(flooder.closed, 10_000, 'the flooder to be closed')).toEqual({ code: 4429, reason: 'rate-limited' });

		appendParagraph(editor, 'Still saving.');
		await allSaved(editor);
		editor.destroy();
	});

	it('closes a socket on a malformed 5-byte frame with one log line and no stack trace', async () => {
		const before = server.output().length;
		const socket = await RawSocket.open(server);
		socket.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]));
		expect(await within(socket.closed, 10_000, 'the socket to be closed')).toEqual({ code: 4400, reason: 'malformed-frame' });
		await eventually(() => server.output().length > before, { what: 'the log line' });
		const written = server.output().slice(before);
		expect(written.trim().split('\n')).toHaveLength(1);
		expect(written).toContain('unreadable frame (5 bytes)');
		expect(written).not.toMatch(/\n\s+at /);
	});

	it('writes at most a line per refused socket, and no more than 30 a minute however many are refused', async () => {
		const before = server.output().length;
		for (let i = 0; i < 60; i++) {
			const socket = await RawSocket.open(server);
			socket.send(new Uint8Array([0xff, 0xff, 0xff]));
			await socket.closed;
		}
		const lines = server.output().slice(before).trim().split('\n');
		expect(lines.length).toBeLessThanOrEqual(30);
		expect(lines.every((line) => (JSON.parse(line) as { msg: string }).msg.startsWith('[collab]'))).toBe(true);
	});
});
