// The layer boundaries of shared/DESIGN.md ("Boundaries"), kept by lint,
// plus ESLint's recommended correctness rules. No type-aware rules: lint
// stays fast enough to run in `npm test`.
//
// Boundaries are `no-restricted-imports` regexes on the import as written.
// A relative import is matched by its path segments: the tree has one
// folder of each layer's name (store, server, routes, hosts, delivery,
// engine), so a segment names a layer wherever the importing file sits.
// ESLint keeps one setting of a rule per file, so each layer below lists
// all its restrictions in one place and the layers' globs do not overlap.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { regex: `^(node:|(${builtinModules.join('|')})(/|$))`, message: 'is a Node built-in: this layer runs without Node' };
const vscode = { regex: '^vscode$', message: 'is VS Code API' };
const segment = (name) => `(^|/)${name}(/|$)`;
const layer = (regex, message) => ({ regex, message });
/** For the pure layers: `import()` and `require()` would load past the import rules. */
const noDynamicLoads = [
  { selector: 'ImportExpression', message: 'A pure layer loads nothing at run time: import statically, inside the boundaries.' },
  { selector: "CallExpression[callee.name='require']", message: 'A pure layer loads nothing at run time: import statically, inside the boundaries.' },
];

/** Each layer: its files, and what they never import (the message says why). */
const boundaries = [
  {
    name: 'dsl',
    files: ['dsl/**/*.ts'],
    never: [
      layer(`^(\\.\\./)+(runtime|extension)(/|$)`, 'is runtime or extension code: the DSL is the bottom layer, everything else imports it'),
      vscode,
    ],
  },
  {
    name: 'engine',
    files: ['runtime/engine/**/*.ts'],
    never: [
      nodeBuiltins,
      vscode,
      layer(segment('(store|server|hosts|delivery)'), 'is host-side: the engine is pure (IR types and luxon); the hosts bring store, time and delivery'),
    ],
    syntax: noDynamicLoads,
  },
  {
    name: 'hosts',
    files: ['runtime/hosts/**/*.ts'],
    never: [
      layer(segment('routes'), 'is a server route: routes call the hosts, never the other way round'),
      vscode,
    ],
  },
  {
    name: 'server routes',
    files: ['runtime/server/routes/**/*.ts'],
    never: [layer(segment('store'), 'is the store: routes reach it only through the live host\'s commands and queries (its serial queue)')],
    // `host.store` would bypass the host's serial queue just as an import would.
    syntax: [{ selector: "MemberExpression[property.name='store']", message: 'Routes reach the store only through the live host\'s commands and queries (its serial queue).' }],
  },
  {
    name: 'webview',
    files: ['extension/webview/**/*.ts'],
    // Allowed: itself (./x, ../<area>/x), the shared protocol (../../protocol, ../../shared/x), mermaid, errors/.
    never: [layer('^(?!(\\./|\\.\\./(?!\\.\\./)|\\.\\./\\.\\./(protocol$|shared/)|mermaid$|(\\.\\./)+errors(/|$)))', 'is outside the webview: it imports only the shared protocol (extension/protocol.ts, extension/shared/), mermaid and itself')],
    syntax: noDynamicLoads,
  },
  {
    // Code both sides of the webview boundary run: it may not reach the host either.
    name: 'shared protocol',
    files: ['extension/protocol.ts'],
    never: [layer('^(?!(\\./shared/|\\.\\./dsl/|\\.\\./errors(/|$)))', 'is host code: the shared protocol runs in the webviews too (it may import extension/shared/ and DSL types)')],
    syntax: noDynamicLoads,
  },
  {
    name: 'shared protocol helpers',
    files: ['extension/shared/**/*.ts'],
    never: [layer('^(?!(\\./|\\.\\./protocol$|luxon$|\\.\\./\\.\\./errors(/|$)))', 'is host code: extension/shared/ runs in the webviews too (it may import itself, the protocol and luxon)')],
    syntax: noDynamicLoads,
  },
  {
    name: 'extension host',
    files: ['extension/**/*.ts'],
    ignores: ['extension/webview/**', 'extension/shared/**', 'extension/protocol.ts'],
    // config.ts reads nudge.config.json, the file the CLI and the extension share: not a server internal.
    never: [layer('(^|/)runtime/server/(?!config$)', 'is a server internal: the extension talks to the runtime over HTTP')],
  },
  {
    name: 'errors',
    files: ['errors/**/*.ts'],
    // Its own files only: no package, no path into another layer.
    never: [layer('^(?!\\.\\.?/)|(^|/)(dsl|runtime|extension|test)(/|$)', 'is outside errors/: the error table is imported from everywhere, so it imports nothing')],
    syntax: noDynamicLoads,
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.e2e-cache/**', 'test/**/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    // Some files disable rules this small set does not turn on.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      ...js.configs.recommended.rules,
      // TypeScript checks these, and better (overloads, declaration merging, type-only names).
      'no-undef': 'off',
      'no-unused-vars': 'off',
      'no-redeclare': 'off',
      'no-dupe-class-members': 'off',
      // Escaping code matches control characters on purpose; regex spacing is style.
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      '@typescript-eslint/no-duplicate-enum-values': 'error',
      '@typescript-eslint/no-unsafe-declaration-merging': 'error',
    },
  },
  ...boundaries.map(({ name, files, ignores, never, syntax }) => ({
    name: `boundaries/${name}`,
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: never }],
      ...(syntax ? { 'no-restricted-syntax': ['error', ...syntax] } : {}),
    },
  })),
);

