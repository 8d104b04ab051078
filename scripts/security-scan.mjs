#!/usr/bin/env node
// `npm run scan`, and a step of `npm test`: Electronegativity (@doyensec/electronegativity, the static
// checker of Electron's security checklist) over what the app really runs: the built main process
// (out/main/index.js) and preload (out/preload/index.cjs), the source of the Electron shell (electron/shell/),
// and the built page (out/renderer/index.html, which carries the Content-Security-Policy the scanner looks for).
// Run `npx electron-vite build` first.
//
// No HIGH or MEDIUM finding is allowed. A finding judged a false positive after review is suppressed the
// documented way, an `eng-disable CHECK_ID` comment on its line in electron/shell/, with the reason beside it.
// The bundler drops those comments from out/main, so a finding in the bundle counts as suppressed only when
// the same check is disabled on the same line of code (quotes and spaces aside) in the shell module the
// bundle says it came from (its "// electron/shell/x.ts" region markers).
//
// Writes test-results/electronegativity.json ({ passed, failed, skipped, findings, ... }) for
// scripts/run-tests.mjs, which counts the scan as one suite: each HIGH or MEDIUM finding is a failure, and a
// scan that cannot run is a failure with its reason. Exits 1 on any of those.
//
// The scanner is kept offline: it would fetch translations and Electron's release list from the internet at
// every run. Its HTTP client is replaced by one that fails at once, and the one check that needs the release
// list is left out (see EXCLUDED).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
const reportFile = path.join(results, 'electronegativity.json');
const stage = path.join(results, 'security-scan', 'app');
const require = createRequire(import.meta.url);

/** Checks left out of the scan, each with the reason. */
const EXCLUDED = {
  AvailableSecurityFixesGlobalCheck:
    "needs Electron's release list from the internet; the Electron version is checked by hand at each release " +
    '(docs/security.md, 16)',
};

/** What is scanned: [where the scanner sees it, the file in the project]. */
const INPUTS = [
  ['main/index.js', 'out/main/index.js'],
  // The scanner reads only .js, .ts and .html files: the CommonJS preload is staged under a .js name.
  ['preload/index.js', 'out/preload/index.cjs'],
  ['renderer/index.html', 'out/renderer/index.html'],
  ...fs
    .readdirSync(path.join(root, 'electron/shell'))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => [`shell/${f}`, `electron/shell/${f}`]),
];

function writeReport(report) {
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
}

function cannotRun(reason) {
  console.log(`\nSecurity scan could not run: ${reason}`);
  writeReport({ passed: 0, failed: 1, skipped: 0, ran: false, reason, findings: [], suppressed: [], notes: [] });
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// 1. Stage the inputs in one folder, so the global checks (navigation, permissions, CSP) see the whole app.
const missing = INPUTS.filter(([, file]) => !fs.existsSync(path.join(root, file))).map(([, file]) => file);
if (missing.length > 0) cannotRun(`${missing.join(', ')} missing: run \`npx electron-vite build\` first.`);
fs.rmSync(stage, { recursive: true, force: true });
for (const [staged, file] of INPUTS) {
  fs.mkdirSync(path.dirname(path.join(stage, staged)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(stage, staged));
}
const projectFile = Object.fromEntries(INPUTS);

// 2. The scanner, offline.
let run;
let scannerVersion;
try {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  scannerVersion = scannerRequire('../package.json').version;
  const offline = () => Promise.reject(new Error('the security scan runs offline'));
  offline.head = offline;
  const gotPath = scannerRequire.resolve('got');
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  const mod = scannerRequire('./runner.js');
  run = mod.default ?? mod;
} catch (error) {
  cannotRun(`@doyensec/electronegativity does not load (${error.message.split('\n')[0]}); run npm ci.`);
}
process.env.LANG = 'en-US'; // the scanner's messages, in the language its package ships

const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
console.log(
  `Electronegativity ${scannerVersion} (offline) for Electron ${electronVersion} over ${INPUTS.length} files: ` +
    INPUTS.map(([, file]) => file).join(', '),
);
for (const [check, why] of Object.entries(EXCLUDED)) console.log(`  left out: ${check}: ${why}`);

const log = console.log;
let result;
try {
  // The scanner announces its failed translation download; that is expected offline.
  console.log = (...args) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  result = await run({
    input: stage,
    electronVersionOverride: electronVersion,
    isRelative: true,
    excludeFromScan: Object.keys(EXCLUDED),
  });
} catch (error) {
  console.log = log;
  cannotRun(`the scanner failed: ${error.message}`);
} finally {
  console.log = log;
}

// 3. Files the scanner could not parse were not scanned: that is a failure, not a pass.
const unparsed = result.errors.filter((e) => !e.tolerable);

// 4. Suppressions: `eng-disable` comments in the shell's source, carried over to the same code in the bundle.
const DISABLE = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+([\w \t]+)/;
const normalize = (line) =>
  line
    .replace(/\/\*.*?\*\//g, '')
    .replace(/\/\/.*$/, '')
    .replaceAll("'", '"')
    .replace(/\s+/g, ' ')
    .trim();
const sourceDisables = new Map(); // "electron/shell/x.ts" -> [{ code, checks, line }]
for (const [, file] of INPUTS.filter(([staged]) => staged.startsWith('shell/'))) {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  sourceDisables.set(
    file,
    lines.flatMap((text, i) => {
      const m = text.match(DISABLE);
      return m ? [{ code: normalize(text), checks: m[1].trim().split(/[\s,]+/), line: i + 1 }] : [];
    }),
  );
}

/** For a finding in the bundle: the shell line that disables the same check on the same code, if any. */
function suppressedInSource(finding) {
  if (!['main/index.js', 'preload/index.js'].includes(finding.file) || !finding.location.line) return undefined;
  const lines = fs.readFileSync(path.join(stage, finding.file), 'utf8').split('\n');
  let module;
  for (let i = finding.location.line - 1; i >= 0 && !module; i--) {
    module = lines[i].match(/^\/\/ (electron\/shell\/[\w-]+\.ts)$/)?.[1];
  }
  const code = normalize(lines[finding.location.line - 1] ?? '');
  const hit = (sourceDisables.get(module) ?? []).find(
    (d) => d.code === code && d.checks.some((c) => c.toUpperCase() === finding.id),
  );
  return hit && `${module}:${hit.line}`;
}

const describe = (f) => ({
  id: f.id,
  severity: f.severity.name,
  confidence: f.confidence.name,
  file: projectFile[f.file] ?? f.file,
  line: f.location.line,
  sample: (f.sample ?? '').trim().slice(0, 160),
  manualReview: Boolean(f.manualReview),
  description: String(f.description ?? '').slice(0, 200),
});
const findings = [];
const suppressed = [];
const notes = [];
for (const f of result.issues) {
  const where = suppressedInSource(f);
  if (where) suppressed.push({ ...describe(f), suppressedAt: where });
  else if (f.severity.value >= 2) findings.push(describe(f));
  else notes.push(describe(f));
}

// 5. Report.
const show = (f) => `  ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line} ${f.sample}`;
console.log(`\n${result.globalChecks} global and ${result.atomicChecks} atomic checks.`);
if (suppressed.length) {
  console.log(`Suppressed in the bundle by the shell's eng-disable comments (${suppressed.length}):`);
  for (const f of suppressed) console.log(`${show(f)}  <- ${f.suppressedAt}`);
}
if (notes.length) {
  console.log(`Low and informational, allowed (${notes.length}):`);
  for (const f of notes) console.log(show(f));
}
for (const e of unparsed) console.log(`  NOT SCANNED: ${projectFile[e.file] ?? e.file}: ${e.message}`);
if (findings.length) {
  console.log(`HIGH or MEDIUM findings (${findings.length}):`);
  for (const f of findings) console.log(`${show(f)}\n      ${f.description}`);
}
const failed = findings.length + unparsed.length;
writeReport({
  passed: failed === 0 ? 1 : 0,
  failed,
  skipped: 0,
  ran: true,
  scanner: `@doyensec/electronegativity ${scannerVersion}`,
  electron: electronVersion,
  inputs: INPUTS.map(([, file]) => file),
  excluded: EXCLUDED,
  findings,
  unparsed: unparsed.map((e) => ({ file: projectFile[e.file] ?? e.file, message: e.message })),
  suppressed,
  notes,
});
console.log(failed === 0 ? '\nNo HIGH or MEDIUM findings.' : `\n${failed} problem(s): see above.`);
console.log(`${failed === 0 ? 1 : 0} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
