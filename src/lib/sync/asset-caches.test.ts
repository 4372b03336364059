import { describe, expect, it } from 'vitest';
import { assetCacheName, unusedAssetCaches } from './asset-caches.ts';

describe('unusedAssetCaches', () => {
	const keys = [assetCacheName('1'), assetCacheName('2'), assetCacheName('3'), 'bridgework-pages'];

	it('keeps the current version and every version an open tab runs', () => {
		expect(unusedAssetCaches(keys, '3', ['1', '3'])).toEqual([assetCacheName('2')]);
	});

	it('drops every older version once no tab runs it, and never the cached pages', () => {
		expect(unusedAssetCaches(keys, '3', [])).toEqual([assetCacheName('1'), assetCacheName('2')]);
	});

	it('drops nothing while some tab has not said which version it runs', () => {
		expect(unusedAssetCaches(keys, '3', null)).toEqual([]);
	});
});
