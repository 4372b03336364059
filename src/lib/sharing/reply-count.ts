import { REPLY_MAX_CHARS } from '$lib/shared/sharing/replies.ts';

/**
 * The line under the provider's answer that counts what they typed: written by the server render
 * and, as they type, by the page's script, in the same words.
 */
export function replyCount(length: number): { text: string; over: boolean } {
	const over = length - REPLY_MAX_CHARS;
	if (over > 0) return { text: `${over.toLocaleString('en')} ${over === 1 ? 'character' : 'characters'} too many`, over: true };
	return { text: `${length.toLocaleString('en')} of ${REPLY_MAX_CHARS.toLocaleString('en')} characters`, over: false };
}
