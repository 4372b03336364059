// `npm run lint:imports` (part of `npm test`): the import graph of our own code has no circles, and
// the code Node and the browser share imports nothing server-only.
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
			comment: 'The editor schema, measures, consent text and language rules run in Node and the browser alike: they import no server-only module.',
			from: { path: '^src/lib/(editor|measures|consent|language)/' },
			// SvelteKit's aliases stay unresolved here (named as written): matched by name.
			to: { path: '^(server/|src/lib/server/|[$]server/|[$]lib/server/)' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		exclude: { path: '^(build|\\.svelte-kit)/' }
	}
};
