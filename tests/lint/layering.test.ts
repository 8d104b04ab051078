// @vitest-environment node
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Proves the folder layering that eslint.config.js enforces: each forbidden import is reported, the allowed
// ones are not, and the real tree obeys the rules today. Virtual files are linted with lintText at paths
// inside the real folders, so the project's own config decides which rules apply to them.

const root = path.resolve(import.meta.dirname, '../..');
const LAYERING_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    // The virtual files are not in any tsconfig, so parse without type information; only the layering rules
    // run, which need none. The layering settings themselves come unchanged from eslint.config.js.
    overrideConfig: [tseslint.configs.disableTypeChecked],
    ruleFilter: ({ ruleId }) => LAYERING_RULES.has(ruleId),
  });
});

interface Problem {
  ruleId: string | null;
  line: number;
  message: string;
}

async function lint(filePath: string, code: string): Promise<Problem[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath), warnIgnored: true });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  // A parse error or an "ignored file" warning would make every "not reported" assertion pass vacuously.
  const broken = result.messages.filter((m) => m.fatal === true || m.ruleId === null);
  expect(broken, `${filePath} must parse and be linted`).toEqual([]);
  return result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message }));
}

const importOf = (source: string) => `import { thing } from '${source}';\nexport { thing };\n`;

async function importProblems(filePath: string, source: string): Promise<Problem[]> {
  return (await lint(filePath, importOf(source))).filter((p) => p.ruleId === 'no-restricted-imports');
}

// [virtual file, import source]
const FORBIDDEN_IMPORTS: [string, string][] = [
  // shared/: no Node built-ins, no Electron, no SQLite, nothing from electron/ or renderer/.
  ...[
    'node:fs',
    'node:path',
    'fs',
    'fs/promises',
    'path',
    'crypto',
    'os',
    'child_process',
    'url',
    'electron',
    'electron/main',
    'better-sqlite3',
    'better-sqlite3-multiple-ciphers',
    '../electron/db/open',
    '../renderer/src/api/bridge',
  ].map((source): [string, string] => ['shared/x.ts', source]),
  ['shared/contract/x.ts', '../../electron/db/open'],
  ['shared/contract/x.ts', '../../electron/shell/ipc'],
  ['shared/contract/x.ts', '../../renderer/src/main'],
  // renderer/: no Electron, nothing under electron/, no Node built-ins, no SQLite.
  ...[
    'electron',
    'electron/renderer',
    '../../electron/shell/preload',
    '../../electron/security/app-origin',
    'node:path',
    'node:crypto',
    'path',
    'fs',
    'crypto',
    'better-sqlite3',
    'better-sqlite3-multiple-ciphers',
  ].map((source): [string, string] => ['renderer/src/x.tsx', source]),
  ['renderer/src/features/requests/x.tsx', '../../../../electron/db/open'],
  ['renderer/src/features/requests/x.ts', '../../../../electron/backend/dispatch'],
  // electron/ outside shell/: no 'electron'; no electron/ file imports from renderer/.
  ['electron/db/x.ts', 'electron'],
  ['electron/db/x.ts', 'electron/main'],
  ['electron/backend/x.ts', 'electron'],
  ['electron/security/x.ts', 'electron'],
  ['electron/cli/x.ts', 'electron'],
  ['electron/db/x.ts', '../../renderer/src/api/bridge'],
  ['electron/shell/x.ts', '../../renderer/src/main'],
  ['electron/shell/x.ts', '../../renderer/src/i18n/en'],
];

const ALLOWED_IMPORTS: [string, string][] = [
  ['shared/x.ts', 'zod'],
  ['shared/x.ts', './contract/result'],
  ['shared/contract/x.ts', '../requests/schema'],
  ['shared/contract/x.ts', './electronic-signature'], // a name that merely contains "electron"
  ['renderer/src/x.tsx', 'react'],
  ['renderer/src/x.tsx', 'zustand'],
  ['renderer/src/x.tsx', './api/bridge'],
  ['renderer/src/x.tsx', '../../shared/contract/api'],
  ['renderer/src/features/requests/x.tsx', '../../../../shared/requests/schema'],
  ['electron/db/x.ts', 'node:fs'],
  ['electron/db/x.ts', 'fs'],
  ['electron/db/x.ts', 'better-sqlite3-multiple-ciphers'],
  ['electron/db/x.ts', './migrate'],
  ['electron/db/x.ts', '../../shared/contract/result'],
  ['electron/backend/x.ts', '../db/open'],
  ['electron/shell/x.ts', 'electron'],
  ['electron/shell/x.ts', 'electron/main'],
  ['electron/shell/x.ts', 'node:path'],
  ['electron/shell/x.ts', '../security/app-origin'],
  ['electron/shell/x.ts', '../../shared/contract/channel-name'],
  // Tests and configuration are not layered.
  ['tests/unit/x.test.ts', 'electron'],
  ['tests/unit/x.test.ts', '../../renderer/src/api/bridge'],
  ['scripts/x.ts', 'node:fs'],
];

describe('layering: forbidden imports are reported', () => {
  it.each(FORBIDDEN_IMPORTS)('%s may not import %s', async (file, source) => {
    const problems = await importProblems(file, source);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(1);
  });

  it('also catches export-from and side-effect imports', async () => {
    const code = "export { thing } from 'electron';\nimport 'node:fs';\nexport * from '../electron/db/open';\n";
    const problems = (await lint('shared/x.ts', code)).filter((p) => p.ruleId === 'no-restricted-imports');
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3]);
  });

  it('catches type-only imports too (the layer may not even know the types)', async () => {
    const code = "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n";
    const problems = (await lint('renderer/src/x.ts', code)).filter((p) => p.ruleId === 'no-restricted-imports');
    expect(problems).toHaveLength(1);
  });
});

describe('layering: allowed imports are not reported', () => {
  it.each(ALLOWED_IMPORTS)('%s may import %s', async (file, source) => {
    expect(await importProblems(file, source)).toEqual([]);
  });
});

describe('layering: dynamic import() is held to the same rules', () => {
  const FORBIDDEN: [string, string][] = [
    ['shared/x.ts', 'node:fs'],
    ['shared/x.ts', 'fs/promises'],
    ['shared/x.ts', 'electron'],
    ['shared/x.ts', '../renderer/src/main'],
    ['renderer/src/x.ts', 'electron'],
    ['renderer/src/x.ts', 'path'],
    ['renderer/src/x.ts', 'better-sqlite3-multiple-ciphers'],
    ['renderer/src/x.ts', '../../electron/db/open'],
    ['electron/db/x.ts', 'electron'],
    ['electron/db/x.ts', '../../renderer/src/main'],
  ];
  const ALLOWED: [string, string][] = [
    ['shared/x.ts', './contract/result'],
    ['renderer/src/x.ts', './features/requests/RequestsPage'],
    ['electron/db/x.ts', 'node:fs'],
    ['electron/shell/x.ts', 'electron'],
  ];
  const dynamicImportOf = (source: string) => `export const load = () => import('${source}');\n`;

  it.each(FORBIDDEN)('%s may not import(%s)', async (file, source) => {
    const problems = (await lint(file, dynamicImportOf(source))).filter((p) => p.ruleId === 'no-restricted-syntax');
    expect(problems).toHaveLength(1);
  });

  it.each(ALLOWED)('%s may import(%s)', async (file, source) => {
    const problems = (await lint(file, dynamicImportOf(source))).filter((p) => p.ruleId === 'no-restricted-syntax');
    expect(problems).toEqual([]);
  });
});

describe('layering: shared/ uses no DOM or Node globals', () => {
  const FORBIDDEN_GLOBALS = [
    'window',
    'document',
    'process',
    'Buffer',
    'require',
    '__dirname',
    'localStorage',
    'navigator',
  ];

  it.each(FORBIDDEN_GLOBALS)('shared/ may not use %s', async (name) => {
    const problems = (await lint('shared/x.ts', `export const value: unknown = ${name};\n`)).filter(
      (p) => p.ruleId === 'no-restricted-globals',
    );
    expect(problems).toHaveLength(1);
  });

  it('shared/ may use the language globals', async () => {
    const code = 'export const value: unknown = [Math, Date, JSON, URL, Intl, globalThis.structuredClone];\n';
    const problems = (await lint('shared/x.ts', code)).filter((p) => p.ruleId === 'no-restricted-globals');
    expect(problems).toEqual([]);
  });

  it('a local binding with a restricted name is not a global', async () => {
    const code = 'export function f(process: string): string {\n  return process;\n}\n';
    const problems = (await lint('shared/x.ts', code)).filter((p) => p.ruleId === 'no-restricted-globals');
    expect(problems).toEqual([]);
  });

  it('renderer/ may use DOM globals', async () => {
    const code = 'export const value: unknown = [window, document, localStorage, navigator];\n';
    const problems = (await lint('renderer/src/x.ts', code)).filter((p) => p.ruleId === 'no-restricted-globals');
    expect(problems).toEqual([]);
  });
});

describe('Electron security settings that lint can see (docs/security.md)', () => {
  const syntaxProblems = async (file: string, code: string) =>
    (await lint(file, code)).filter((p) => p.ruleId === 'no-restricted-syntax');

  const FORBIDDEN: [string, string][] = [
    ['#2 nodeIntegration', 'nodeIntegration: true'],
    ['#2 nodeIntegrationInWorker', 'nodeIntegrationInWorker: true'],
    ['#2 nodeIntegrationInSubFrames', 'nodeIntegrationInSubFrames: true'],
    ['#3 contextIsolation', 'contextIsolation: false'],
    ['#4 sandbox', 'sandbox: false'],
    ['#6 webSecurity', 'webSecurity: false'],
    ['#8 allowRunningInsecureContent', 'allowRunningInsecureContent: true'],
    ['#9 experimentalFeatures', 'experimentalFeatures: true'],
    ['#10 enableBlinkFeatures', "enableBlinkFeatures: 'CSSVariables'"],
    ['#11/#12 webviewTag', 'webviewTag: true'],
  ];
  const windowWith = (preference: string) =>
    `import { BrowserWindow } from 'electron';\nexport const win = new BrowserWindow({ webPreferences: { ${preference} } });\n`;

  it.each(FORBIDDEN)('%s is reported in electron/shell/', async (_item, preference) => {
    expect(await syntaxProblems('electron/shell/x.ts', windowWith(preference))).toHaveLength(1);
  });

  it('the secure values of the same settings are not reported', async () => {
    const secure = [
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'contextIsolation: true',
      'sandbox: true',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'experimentalFeatures: false',
      'webviewTag: false',
    ].join(', ');
    expect(await syntaxProblems('electron/shell/x.ts', windowWith(secure))).toEqual([]);
  });

  it('#15 shell.openExternal is reported', async () => {
    const code = "import { shell } from 'electron';\nexport const open = (url: string) => shell.openExternal(url);\n";
    expect(await syntaxProblems('electron/shell/x.ts', code)).toHaveLength(1);
  });

  it.each([
    [
      'loadFile',
      "import type { BrowserWindow } from 'electron';\nexport const f = (w: BrowserWindow) => w.loadFile('index.html');\n",
    ],
    ['a file: URL', "export const entry = 'file:///app/index.html';\n"],
    ['a file: URL template', 'export const entry = (p: string) => `file://${p}`;\n'],
  ])('#18 %s is reported', async (_what, code) => {
    expect(await syntaxProblems('electron/shell/x.ts', code)).toHaveLength(1);
  });

  it('#18 an app:// URL is not reported', async () => {
    expect(
      await syntaxProblems('electron/shell/x.ts', "export const entry = 'app://liaison-log/index.html';\n"),
    ).toEqual([]);
  });

  it('#11 a <webview> element in the renderer is reported', async () => {
    const code = 'export const View = () => <webview src="https://example.invalid" />;\n';
    expect(await syntaxProblems('renderer/src/x.tsx', code)).toHaveLength(1);
  });
});

describe('layering: the real tree', () => {
  it('has no layering errors in electron/, shared/ and renderer/', async () => {
    const results = await eslint.lintFiles(['electron', 'shared', 'renderer']);
    const linted = results.map((r) => path.relative(root, r.filePath).split(path.sep).join('/'));
    // Guard against a glob that matches nothing: the three folders and the files that matter most are linted.
    expect(linted).toEqual(
      expect.arrayContaining([
        'electron/shell/main.ts',
        'electron/shell/preload.ts',
        'electron/db/open.ts',
        'shared/contract/ipc.ts',
        'renderer/src/main.tsx',
      ]),
    );
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId ?? 'fatal'}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  });
});
