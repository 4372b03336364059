import { version } from '$app/environment';

/**
 * Answers the service worker's "which version do you run?" (it keeps an older version's assets
 * while a tab still needs them) and tells it that a tab opened, so that it can drop the assets of
 * versions no tab runs any more. Returns a function that stops answering.
 */
export function answerVersionQueries(): () => void {
	if (!('serviceWorker' in navigator)) return () => {};
	const container = navigator.serviceWorker;
	const answer = (event: MessageEvent<{ type?: string } | null>) => {
		if (event.data?.type === 'version?') event.ports[0]?.postMessage({ version });
	};
	container.addEventListener('message', answer);
	// Messages wait until the page starts them; addEventListener alone does not.
	container.startMessages();
	container.controller?.postMessage({ type: 'opened' });
	return () => container.removeEventListener('message', answer);
}
