/**
 * The service worker keeps one cache of built assets per deployed version. A tab opened before a
 * deploy still loads its own version's code-split chunks, which the new server no longer has, so an
 * old version's cache is dropped only once no open tab runs that version.
 */
export const ASSET_CACHE_PREFIX = 'bridgework-assets-';

export const assetCacheName = (version: string) => `${ASSET_CACHE_PREFIX}${version}`;

/**
 * The asset caches that no open tab needs. `versionsInUse` is null when some tab could not say
 * which version it runs (it did not answer in time): then nothing is dropped, because a tab that
 * loses its chunks breaks on its next navigation.
 */
export function unusedAssetCaches(cacheKeys: readonly string[], current: string, versionsInUse: readonly string[] | null): string[] {
	if (versionsInUse === null) return [];
	const keep = new Set([current, ...versionsInUse].map(assetCacheName));
	return cacheKeys.filter((key) => key.startsWith(ASSET_CACHE_PREFIX) && !keep.has(key));
}
