// Lint rules that catch defects (unawaited promises, promises passed where a boolean or void
// callback is expected, unused code, untyped escapes), not taste: layout is Prettier's job.
// Type-aware via the TypeScript project service, so the rules see the same types svelte-check does.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'drizzle/', 'test-results/', 'playwright-report/', 'server/db/postgres/schema.generated.ts']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: {
					// Config files and the service worker sit outside tsconfig.json's include.
					allowDefaultProject: ['*.js', '*.cjs', 'drizzle.postgres.config.ts', 'src/service-worker.ts']
				},
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/require-await': 'error',
			'require-await': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrorsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_'
				}
			],
			// An `any` stays possible, with `eslint-disable-next-line ... -- reason`.
			'@typescript-eslint/no-explicit-any': 'error',
			// The app has no base path, so resolve() on every href would be ceremony, not a fix.
			'svelte/no-navigation-without-resolve': 'off',
			// Flags every local Map/Date/URLSearchParams, reactive or not: mostly false positives here.
			'svelte/prefer-svelte-reactivity': 'off',
			// Style, not a defect.
			'svelte/prefer-writable-derived': 'off'
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' }
	},
	{
		// Hocuspocus's Extension interface declares its hooks as Promise-returning.
		files: ['server/collab/*Extension.ts'],
		rules: { '@typescript-eslint/require-await': 'off' }
	},
	{
		files: ['*.cjs'],
		languageOptions: { sourceType: 'commonjs' }
	}
);
