#!/usr/bin/env node
// `npm test`: every check the project promises, in one run, ending with one line "N passed, N failed".
// Steps: native addon sanity, typecheck, lint, format, unit tests (vitest), production build, the static
// security scan of the build (Electronegativity, scripts/security-scan.mjs: one suite, each HIGH or MEDIUM
// finding a failure), the packaging check (scripts/packaging-check.ts: each check a test), browser tests
// (Playwright in Chromium, see tests/e2e/chromium.ts). A step that cannot run is a failure with a reason, never a pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const require = createRequire(import.meta.url);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, passed) {
  if (passed) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// 1. The Node build of the SQLite addon (tests and the CLI use it; the app uses a separate Electron build).
function nativeAddonLoads() {
  try {
    const Sqlite = require('better-sqlite3-multiple-ciphers');
    new Sqlite(':memory:').close();
    return true;
  } catch (error) {
    console.log(`The SQLite addon does not load under Node (${error.message.split('\n')[0]}); rebuilding it.`);
    return false;
  }
}
if (!nativeAddonLoads()) run('rebuild native addon for Node', 'npm', ['rebuild', 'better-sqlite3-multiple-ciphers']);
check('native addon', nativeAddonLoads());

// 2-4. Static checks.
check('typecheck', run('typecheck', 'npm', ['run', '--silent', 'typecheck']));
check('lint', run('lint', 'npm', ['run', '--silent', 'lint']));
check('format', run('format', 'npm', ['run', '--silent', 'format:check']));

// 5. Unit and integration tests under Node, on real SQLite files.
const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  if (vitest.numFailedTests > 0 || vitest.success === false) failures.push('unit tests');
} else check('unit tests (no report written)', false);

// 6. The production build the browser tests load.
const built = run('build', 'npx', ['electron-vite', 'build']);
check('build', built);

// 7. Static security scan of the built main process and preload, the shell's source and the built page.
const scanJson = path.join(results, 'electronegativity.json');
fs.rmSync(scanJson, { force: true });
if (built) {
  run('security scan', 'node', ['scripts/security-scan.mjs']);
  const scan = readJson(scanJson);
  if (scan) {
    totals.passed += scan.passed;
    totals.failed += scan.failed;
    totals.skipped += scan.skipped;
    if (scan.failed > 0) failures.push(scan.ran ? 'security scan' : `security scan (could not run: ${scan.reason})`);
  } else check('security scan (no report written)', false);
} else {
  console.log('\nThe security scan needs the build, which failed: not scanned.');
  check('security scan (no build to scan)', false);
}

// 7b. The packaging check (scripts/packaging-check.ts): electron-builder --dir around a stand-in Electron binary,
// then app.asar, the unpacked SQLite addon and the fuses are inspected; each check counts as a test.
const packagingJson = path.join(results, 'packaging.json');
fs.rmSync(packagingJson, { force: true });
if (built) {
  run('packaging check', 'npx', ['tsx', 'scripts/packaging-check.ts']);
  const packaging = readJson(packagingJson);
  if (packaging) {
    totals.passed += packaging.passed;
    totals.failed += packaging.failed;
    totals.skipped += packaging.skipped;
    if (packaging.failed > 0) failures.push('packaging check');
  } else check('packaging check (no report written)', false);
} else {
  console.log('\nThe packaging check needs the build, which failed: not checked.');
  check('packaging check (no build to package)', false);
}

// 8. Browser tests in real Chromium.
// playwright.config.ts chooses Chromium: CHROMIUM_PATH, Debian's, else @sparticuz/chromium (tests/e2e/chromium.ts).
if (built) {
  const pwJson = path.join(results, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  run('browser tests', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const pw = readJson(pwJson);
  if (pw?.stats) {
    totals.passed += pw.stats.expected + (pw.stats.flaky ?? 0);
    totals.failed += pw.stats.unexpected;
    totals.skipped += pw.stats.skipped;
    if (pw.stats.unexpected > 0) failures.push('browser tests');
  } else check('browser tests (no report written)', false);
}

console.log('');
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
