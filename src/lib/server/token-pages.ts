/**
 * For pages whose URL carries a secret token (confirmation, reset, unsubscribe links): the
 * Referer then holds only our origin, never the path with the token. Not "no-referrer": under
 * it Chromium sends `Origin: null` with a plain form's POST, and SvelteKit's cross-site check
 * rightly refuses that, so the page's own button would fail for anyone without JavaScript.
 */
export const TOKEN_PAGE_REFERRER_POLICY = 'strict-origin';
