/** The same-origin /collab WebSocket: wss on an https page. Apart from the sync layer, so the share page's small script can use it. */
export function collabUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}
