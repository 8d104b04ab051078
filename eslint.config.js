// @ts-check
// Lint for Liaison Log: type-aware strict rules for TypeScript, React hooks rules for the renderer, and the
// layering of the three source folders, enforced with no-restricted-imports (see the LAYERING section), and
// the parts of Electron's security checklist that can be seen in source (ELECTRON SECURITY):
//
//   shared/    runs anywhere: no Node, no Electron, no DOM, no SQLite, nothing from electron/ or renderer/.
//   renderer/  the sandboxed page: no Electron, no Node, no SQLite, nothing from electron/.
//   electron/  the backend and the shell: only electron/shell/ may import 'electron'; nothing from renderer/.
//
// tests/lint/layering.test.ts proves that each of these restrictions fires, and that the tree obeys them.
// A later config object replaces (does not merge) a rule's options, so each folder's block lists them all.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ESLint's own "recommended" set (what @eslint/js ships), built from the rules' metadata so that it needs no
// extra package.
const eslintRecommended = Object.fromEntries(
  [...builtinRules]
    .filter(([, rule]) => rule.meta?.docs?.recommended && !rule.meta.deprecated)
    .map(([name]) => [/** @type {string} */ (name), /** @type {const} */ ('error')]),
);

// The globals of the Node that runs the scripts (.mjs files run under plain Node, as ES modules).
const nodeGlobals = Object.fromEntries(
  Object.getOwnPropertyNames(globalThis).map((name) => [name, /** @type {const} */ ('readonly')]),
);

// ---------------------------------------------------------------------------------------------------------
// LAYERING
// ---------------------------------------------------------------------------------------------------------

/** Every Node built-in, with and without the node: prefix (fs, fs/promises, path, crypto, os, ...). */
const NODE_BUILTINS = {
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .map((name) => ({ name, message: 'Node built-ins belong in electron/ (the backend), not here.' })),
  pattern: {
    regex: '^node:',
    caseSensitive: true,
    message: 'Node built-ins belong in electron/ (the backend), not here.',
  },
};

/** The electron package and its subpaths (electron/main, electron/renderer, electron/common). */
const ELECTRON_PACKAGE = {
  paths: [{ name: 'electron', message: "Only electron/shell/ may import 'electron'." }],
  pattern: {
    regex: '^electron/',
    caseSensitive: true,
    message: "Only electron/shell/ may import 'electron'.",
  },
};

/** The native SQLite addon, in any of its packages (better-sqlite3, better-sqlite3-multiple-ciphers, ...). */
const SQLITE = {
  regex: '^better-sqlite3',
  caseSensitive: true,
  message: 'The database is reached only through electron/ (the backend) and the IPC contract in shared/.',
};

/** A relative import that passes through a folder named `folder`, e.g. ../../electron/db/open. */
function relativeInto(folder, message) {
  return { regex: `^\\.{1,2}/(?:.*/)?${folder}(?:/|$)`, caseSensitive: true, message };
}
const INTO_ELECTRON = relativeInto('electron', 'Nothing outside electron/ may import from electron/.');
const INTO_RENDERER = relativeInto('renderer', 'Nothing outside renderer/ may import from renderer/.');

/** One complete no-restricted-imports setting (a later config object replaces, not merges, the options). */
function restrictImports({ node = false, electron = false, sqlite = false, into = [] }) {
  return [
    'error',
    {
      paths: [...(node ? NODE_BUILTINS.paths : []), ...(electron ? ELECTRON_PACKAGE.paths : [])],
      patterns: [
        ...(node ? [NODE_BUILTINS.pattern] : []),
        ...(electron ? [ELECTRON_PACKAGE.pattern] : []),
        ...(sqlite ? [SQLITE] : []),
        ...into,
      ],
    },
  ];
}

/** import('...') with a literal source is not seen by no-restricted-imports; catch the same sources here. */
function dynamicImports(...sources) {
  return sources.map((source) => ({
    selector: `ImportExpression[source.value=${source}]`,
    message: 'This dynamic import breaks the layering (see eslint.config.js).',
  }));
}
// esquery's regex literals cannot contain a slash, hence \u002F; subpaths (fs/promises) are covered by their base.
const DYNAMIC_NODE = String.raw`/^(node:|(${builtinModules.filter((n) => /^[a-z]\w*$/.test(n)).join('|')})(\u002F|$))/`;
const DYNAMIC_ELECTRON = String.raw`/^electron(\u002F|$)/`;
const DYNAMIC_SQLITE = String.raw`/^better-sqlite3/`;
const DYNAMIC_INTO = (folder) => String.raw`/^\.{1,2}\u002F(.*\u002F)?${folder}(\u002F|$)/`;

// ---------------------------------------------------------------------------------------------------------
// ELECTRON SECURITY (docs/security.md): settings from Electron's security checklist that lint can see.
// ---------------------------------------------------------------------------------------------------------
const webPreference = (key, value, item) => ({
  selector: `Property[key.name=${key}][value.value=${String(value)}]`,
  message: `Electron security checklist ${item}: never set ${key}: ${String(value)} (docs/security.md).`,
});
const ELECTRON_SECURITY = [
  webPreference('nodeIntegration', true, '#2'),
  webPreference('nodeIntegrationInWorker', true, '#2'),
  webPreference('nodeIntegrationInSubFrames', true, '#2'),
  webPreference('contextIsolation', false, '#3'),
  webPreference('sandbox', false, '#4'),
  webPreference('webSecurity', false, '#6'),
  webPreference('allowRunningInsecureContent', true, '#8'),
  webPreference('experimentalFeatures', true, '#9'),
  webPreference('webviewTag', true, '#11/#12'),
  {
    selector: 'Property[key.name=enableBlinkFeatures]',
    message: 'Electron security checklist #10: do not use enableBlinkFeatures (docs/security.md).',
  },
  {
    selector: 'MemberExpression[property.name=openExternal]',
    message:
      'Electron security checklist #15: shell.openExternal needs a reviewed URL allowlist first (docs/security.md).',
  },
  {
    selector: 'CallExpression[callee.property.name=loadFile]',
    message: 'Electron security checklist #18: serve pages from app://, never file:// (docs/security.md).',
  },
  {
    selector: 'Literal[value=/^file:/i], TemplateElement[value.raw=/^file:/i]',
    message: 'Electron security checklist #18: serve pages from app://, never file:// (docs/security.md).',
  },
];
const RENDERER_SECURITY = [
  {
    selector: 'JSXOpeningElement[name.name=webview]',
    message: 'Electron security checklist #11/#12: the app uses no <webview> (docs/security.md).',
  },
];

// Tests get typescript-eslint's "recommended" level: the rules that strict adds on top are turned off there.
const rulesOf = (configs) => Object.assign({}, ...configs.map((config) => config.rules ?? {}));
const recommendedTypeCheckedRules = rulesOf(tseslint.configs.recommendedTypeChecked);
const STRICT_ONLY_RULES_OFF = Object.fromEntries(
  Object.keys(rulesOf(tseslint.configs.strictTypeChecked))
    .filter((rule) => !(rule in recommendedTypeCheckedRules))
    .map((rule) => [rule, /** @type {const} */ ('off')]),
);

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
const JS_FILES = ['**/*.{js,mjs,cjs}'];

export default defineConfig(
  globalIgnores(
    ['out/', 'dist/', 'native/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/artifacts/'],
    'Build output, native builds and test reports',
  ),

  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  { name: 'eslint recommended', rules: eslintRecommended },

  // TypeScript: strict and type-aware, through the TypeScript project service (tsconfig.json, shared/tsconfig.json).
  {
    name: 'typescript',
    files: TS_FILES,
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are normal in messages and SQL; any/unknown/objects still fail.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `void promise` is the documented way to start work whose result is handled elsewhere.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },

  // Plain JavaScript (this file, scripts/, bin/): Node ES modules, no type information.
  {
    name: 'javascript',
    files: JS_FILES,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', ecmaVersion: 'latest', globals: nodeGlobals },
  },

  // The renderer: React hooks (including the React Compiler checks of eslint-plugin-react-hooks 7).
  {
    name: 'renderer react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // The app does not use the React Compiler: its "compilation skipped" diagnostics say nothing about our code.
      'react-hooks/incompatible-library': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/unsupported-syntax': 'off',
      // Advice, not a bug: resetting state when an effect's input empties (search boxes, tabs) is a fair pattern.
      'react-hooks/set-state-in-effect': 'off',
    },
  },

  // --- layering -------------------------------------------------------------------------------------------
  {
    name: 'layering: shared',
    files: ['shared/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': restrictImports({
        node: true,
        electron: true,
        sqlite: true,
        into: [
          relativeInto('electron', 'shared/ may not depend on electron/.'),
          relativeInto('renderer', 'shared/ may not depend on renderer/.'),
        ],
      }),
      'no-restricted-syntax': [
        'error',
        ...dynamicImports(
          DYNAMIC_NODE,
          DYNAMIC_ELECTRON,
          DYNAMIC_SQLITE,
          DYNAMIC_INTO('electron'),
          DYNAMIC_INTO('renderer'),
        ),
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'location',
          'process',
          'Buffer',
          'require',
          'module',
          'exports',
          '__dirname',
          '__filename',
          'global',
          'setImmediate',
        ].map((name) => ({ name, message: `shared/ runs in every process: no DOM or Node globals (${name}).` })),
      ],
    },
  },
  {
    name: 'layering: renderer',
    files: ['renderer/**/*.{ts,tsx,js,mjs,cjs,jsx}'],
    rules: {
      'no-restricted-imports': restrictImports({ node: true, electron: true, sqlite: true, into: [INTO_ELECTRON] }),
      'no-restricted-syntax': [
        'error',
        ...dynamicImports(DYNAMIC_NODE, DYNAMIC_ELECTRON, DYNAMIC_SQLITE, DYNAMIC_INTO('electron')),
        ...RENDERER_SECURITY,
      ],
    },
  },
  {
    name: 'layering: electron (backend)',
    files: ['electron/**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': restrictImports({ electron: true, into: [INTO_RENDERER] }),
      'no-restricted-syntax': [
        'error',
        ...dynamicImports(DYNAMIC_ELECTRON, DYNAMIC_INTO('renderer')),
        ...ELECTRON_SECURITY,
      ],
    },
  },
  {
    name: 'layering: electron/shell',
    files: ['electron/shell/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': restrictImports({ into: [INTO_RENDERER] }),
      'no-restricted-syntax': ['error', ...dynamicImports(DYNAMIC_INTO('renderer')), ...ELECTRON_SECURITY],
    },
  },

  // --- tests and configuration: relaxed -------------------------------------------------------------------
  {
    name: 'tests and config',
    files: ['tests/**', 'scripts/**', 'bin/**', '*.config.{ts,js,mjs,cjs}', '*.{js,mjs,cjs}'],
    rules: {
      ...STRICT_ONLY_RULES_OFF,
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      'no-useless-assignment': 'off',
      'no-console': 'off',
    },
  },
  {
    // electron-vite 6 reads rollupOptions as well as rolldownOptions; the build config owner decides when to move.
    name: 'build config',
    files: ['*.config.{ts,js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
);
