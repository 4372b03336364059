// `npm run lint:imports` (part of `npm test`): the import graph of our own code has no circles, and
// the code Node and the browser share (src/lib/shared) imports nothing server- or browser-only, and
// browser code imports server modules for their types only.
// A circle makes load order decide what a module sees (an import still undefined) and hides which
// module is the lower layer; dependency-cruiser, because it reads TypeScript and Svelte imports alike.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'Our modules import each other in one direction only: split out what both need.',
			from: { pathNot: '^node_modules' },
			to: { circular: true, pathNot: '^node_modules' }
		},
		{
			name: 'shared-code-stays-shared',
			severity: 'error',
			comment:
				'src/lib/shared runs in Node and the browser alike: it imports no server-only module and nothing that needs a browser or SvelteKit (components, the sync layer, $app/*).',
			from: { path: '^src/lib/shared/' },
			// SvelteKit's aliases stay unresolved here (named as written): matched by name as well.
			to: {
				path: '^(server/|src/lib/server/|src/lib/components/|src/lib/sync/|[$]server/|[$]lib/server/|[$]lib/components/|[$]lib/sync/|[$]app/)'
			}
		},
		{
			name: 'browser-imports-no-server-code',
			severity: 'error',
			comment:
				'Code that reaches the browser bundle imports no server module: one that touches the database or node: APIs breaks the page, and the rest belongs in src/lib/shared. A type-only import is erased at build, so it may stay.',
			from: {
				path: '^src/',
				pathNot: '^src/lib/server/|[.]server[.]ts$|(^|/)[+]server[.]ts$'
			},
			to: {
				path: '^(server/|src/lib/server/|[$]server/|[$]lib/server/)',
				dependencyTypesNot: ['type-only']
			}
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.depcruise.json' },
		exclude: { path: '^(build|\\.svelte-kit)/' }
	}
};
