// `npm run lint:imports` (part of `npm test`): the import graph of our own code has no circles.
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
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		exclude: { path: '^(build|\\.svelte-kit)/' }
	}
};
