import type { Hocuspocus } from '@hocuspocus/server';
import { Fragment } from '@tiptap/pm/model';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { documentNameFor } from '../../src/lib/shared/collab/document-name.ts';
import { DOCUMENT_FIELD, documentSchema } from '../../src/lib/shared/editor/extensions.ts';
import { serverContext, type CollabContext } from '../collab/context.ts';
import { persistenceOf } from '../collab/persistence-of.ts';
import type { Actor } from '../policy.ts';
import type { PMNode } from '../templates/nodes.ts';

/**
 * Appends blocks to the end of a document's text from a server-side action already authorized.
 * Through the collaboration server, not around it: open editors receive the blocks at once and they
 * are stored like any edit. y-tiptap's own diff (updateYFragment) writes only the new blocks, so
 * what someone types meanwhile is kept. Resolves once the change is on disk.
 */
export async function appendBlocks(hocuspocus: Hocuspocus<CollabContext>, actor: Actor, documentId: string, blocks: PMNode[]): Promise<void> {
	const schema = documentSchema();
	const nodes = blocks.map((block) => {
		const node = schema.nodeFromJSON(block);
		node.check();
		return node;
	});
	const name = documentNameFor(documentId);
	const connection = await hocuspocus.openDirectConnection(name, serverContext(actor, { kind: 'document', documentId }));
	try {
		await connection.transact((doc) => {
			const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
			const { doc: current, meta } = initProseMirrorDoc(fragment, schema);
			updateYFragment(doc, fragment, current.copy(current.content.append(Fragment.fromArray(nodes))), meta);
		});
		await persistenceOf(hocuspocus).written(name);
	} finally {
		await connection.disconnect();
	}
}
