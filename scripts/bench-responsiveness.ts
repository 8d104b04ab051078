// `npm run bench`, part 'responsiveness' (BENCH_PART=responsiveness): does the window stay responsive while the backend works?
//
// The process that plays Electron's main process (this one) measures its own event-loop delay
// (perf_hooks.monitorEventLoopDelay: p50, p99, max) while heavy work runs, in two layouts on copies of the same
// HQ data folder (filled through the real import), encrypted and keyed at the production scrypt work factor,
// output checks off as in the installed app:
//   before: the unlock session in this process, as the shell ran it until now;
//   after:  the unlock session in its own backend process (the TypeScript entry through tsx, so the working tree
//           is measured; BENCH_BACKEND=built takes out/main/backend.js instead, which must then be built from
//           the same tree), spoken to by messages, as the app runs it now.
// The work: unlock, a backup of the 100,000-record database (BENCH_RESP_RECORDS), an import of bundles totalling
// 50,000 records (BENCH_RESP_IMPORT) through the host's file grant, and a 12-month dashboard (BENCH_QUICK=1:
// 5,000 and 2,000).
//
// Then the command line's start-up: plain `node -e ''`, the bundled command line (out/cli/index.js) and the
// TypeScript command line through tsx (bin/liaison-log.mjs before the bundle), each for --version and for a
// command that opens (unlocks) a data folder; medians of 5.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackend } from '../electron/backend/create-backend';
import type { Invoke } from '../electron/backend/dispatch';
import { generateDemo } from '../electron/demo/generate';
import { demoPostId, demoPostSeed, demoPostShare } from '../electron/demo/posts';
import { callWithFiles, openedContent, savedContent } from '../electron/files/trusted';
import { createBackendHost } from '../electron/process/backend-host';
import { nodeBackendSpawner } from '../electron/process/node-child';
import { createSession } from '../electron/session/session';
import { PASSPHRASE, QUICK, UNTIL } from './bench/config';
import { freshCopy, must, prepareHq, unlocked } from './bench/fill';

const ROOT = path.resolve(import.meta.dirname, '..');
const RECORDS = Number(process.env['BENCH_RESP_RECORDS'] ?? (QUICK ? 5_000 : 100_000));
const IMPORT = Number(process.env['BENCH_RESP_IMPORT'] ?? (QUICK ? 2_000 : 50_000));
const IMPORT_POSTS = 2;
const YEAR = { from: '2025-11-21', to: '2026-11-20' };

interface Prepared {
  /** A locked HQ data folder (production work factor) with RECORDS records from demo posts. */
  hqDir: string;
  /** Bundles of IMPORT records from two further posts, enrolled at that HQ. */
  bundles: string[];
  root: string;
}

/**
 * The HQ folder and the bundles, made once through the real session and exchange; not measured. HQ's
 * RECORDS records come from three posts' bundles through the real import (scripts/bench/fill.ts).
 */
async function prepare(): Promise<Prepared> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-resp-'));
  const fill = await prepareHq(path.join(root, 'fill'), RECORDS, 3, 1);
  const hqDir = freshCopy(fill.emptyDir, path.join(root, 'hq'));
  const session = createSession({
    dataDir: hqDir,
    version: 'bench',
    log: () => undefined,
    automaticBackups: false,
    checkOutputs: false,
  });
  const hq = await unlocked(session);
  for (const bundle of fill.bundles) {
    const report = await must(
      callWithFiles(hq.invoke, 'imports.run', { fromDialog: true }, { open: [bundle.file] }),
      'HQ fill',
    );
    if (report.files[0]?.outcome !== 'imported') throw new Error(`${bundle.file} was not imported.`);
  }
  const settings = hq.services.settings.read();
  const keyFile = await must(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}), 'HQ key file');
  const bundles: string[] = [];
  for (let i = 0; i < IMPORT_POSTS; i++) {
    const postId = demoPostId(10 + i);
    const post = createBackend({
      dataDir: path.join(root, postId),
      key: randomBytes(32),
      version: 'bench',
      checkOutputs: false,
      log: () => undefined,
    });
    try {
      await must(
        post.call('identity.init', { role: 'post', postId, postName: postId, officer: 'Bench', country: 'CO' }),
        'post identity',
      );
      await must(
        post.call('settings.update', { homeCountry: settings.homeCountry, timeZone: settings.timeZone }),
        'post settings',
      );
      await must(openedContent(post.invoke, 'keys.importHq', {}, keyFile), 'post trusts HQ');
      const enrolment = await must(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}), 'enrolment');
      await must(openedContent(hq.invoke, 'posts.enrol', {}, enrolment), 'HQ enrols the post');
      generateDemo(post.db, post.services.store, {
        records: demoPostShare(IMPORT, i, IMPORT_POSTS),
        seed: demoPostSeed(7, i, IMPORT_POSTS),
        until: UNTIL,
      });
      const entry = await must(
        post.call('exports.create', { from: '2025-01-01', to: '2026-11-21', level: 'full' }),
        'post export',
      );
      const kept = path.join(root, `${postId}.llbundle`);
      fs.copyFileSync(entry.path, kept);
      bundles.push(kept);
    } finally {
      post.close();
    }
  }
  await session.lock();
  fs.rmSync(path.join(root, 'fill'), { recursive: true, force: true });
  return { hqDir, bundles, root };
}

interface Step {
  name: string;
  ms: number;
}

interface LayoutResult {
  layout: string;
  steps: Step[];
  p50: number;
  p99: number;
  max: number;
  longestGap: number;
}

/** What both layouts offer: an invoke with granted files, and a way to end. */
interface Target {
  invoke: Invoke;
  close(): Promise<void>;
}

async function runWork(layout: string, target: Target, bundles: string[]): Promise<LayoutResult> {
  const steps: Step[] = [];
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  // A second witness: the longest gap between ticks of a 5 ms timer (what a window would feel as a freeze).
  let lastTick = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - lastTick);
    lastTick = now;
  }, 5);
  const step = async (name: string, run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    steps.push({ name, ms: performance.now() - start });
  };
  await step('unlock (scrypt 2^18, open, migrate, check)', () =>
    must(target.invoke('session.unlock', { passphrase: PASSPHRASE }), 'unlock'),
  );
  await step(`backup of ${RECORDS.toLocaleString('en')} records`, () =>
    must(target.invoke('backups.create', { label: 'bench' }), 'backup'),
  );
  await step(`import of ${IMPORT.toLocaleString('en')} records`, async () => {
    const report = await must(
      callWithFiles(target.invoke, 'imports.run', { fromDialog: true }, { open: bundles }),
      'import',
    );
    if (report.files.some((f) => f.outcome !== 'imported')) throw new Error('A bundle was not imported.');
  });
  await step('12-month dashboard', () => must(target.invoke('reports.dashboard', YEAR), 'dashboard'));
  histogram.disable();
  clearInterval(ticker);
  await target.close();
  const toMs = (ns: number) => ns / 1e6;
  return {
    layout,
    steps,
    p50: toMs(histogram.percentile(50)),
    p99: toMs(histogram.percentile(99)),
    max: toMs(histogram.max),
    longestGap,
  };
}

async function inProcess(dataDir: string): Promise<Target> {
  const session = createSession({
    dataDir,
    version: 'bench',
    log: () => undefined,
    automaticBackups: false,
    checkOutputs: false,
  });
  return Promise.resolve({ invoke: session.invoke, close: async () => void (await session.lock()) });
}

/** The backend process, started and ready (as the app starts it at launch, before the officer types). */
async function backendProcess(dataDir: string): Promise<Target> {
  const built = path.join(ROOT, 'out', 'main', 'backend.js');
  const spawn =
    process.env['BENCH_BACKEND'] === 'built'
      ? nodeBackendSpawner({ entry: built })
      : nodeBackendSpawner({
          entry: path.join(ROOT, 'electron/process/backend-entry.ts'),
          execArgv: ['--import', 'tsx'],
        });
  const host = createBackendHost({
    spawn,
    init: { dataDir, version: 'bench', automaticBackups: false, checkOutputs: false },
    log: () => undefined,
  });
  await host.ready();
  return { invoke: (channel, input, options) => host.invoke(channel, input, options), close: () => host.stop() };
}

const fmt = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

async function benchEventLoop(): Promise<void> {
  console.log(
    `== Responsiveness: the event-loop delay of the process that plays the main process, while the backend works\n` +
      `   (HQ with ${RECORDS.toLocaleString('en')} records, encrypted, production scrypt; import of ${IMPORT.toLocaleString('en')} records)\n`,
  );
  const prepared = await prepare();
  try {
    const results: LayoutResult[] = [];
    for (const [layout, make] of [
      ['before: session in this process', inProcess],
      ['after: session in a backend process', backendProcess],
    ] as const) {
      const copy = path.join(prepared.root, `copy-${results.length}`);
      fs.cpSync(prepared.hqDir, copy, { recursive: true });
      results.push(await runWork(layout, await make(copy), prepared.bundles));
      fs.rmSync(copy, { recursive: true, force: true });
    }
    const [before, after] = results as [LayoutResult, LayoutResult];
    console.log(`${'step'.padEnd(44)} ${'before'.padStart(11)} ${'after'.padStart(11)}`);
    before.steps.forEach((s, i) => console.log(`${s.name.padEnd(44)} ${fmt(s.ms)} ${fmt(after.steps[i]?.ms ?? 0)}`));
    console.log(
      `\n${'event-loop delay of the main process'.padEnd(44)} ${'before'.padStart(11)} ${'after'.padStart(11)}`,
    );
    for (const key of ['p50', 'p99', 'max'] as const) {
      console.log(`${key.padEnd(44)} ${fmt(before[key])} ${fmt(after[key])}`);
    }
    console.log(
      `${'longest gap between 5 ms timer ticks'.padEnd(44)} ${fmt(before.longestGap)} ${fmt(after.longestGap)}`,
    );
    const goal = after.p99 < 20 && after.max < 100;
    console.log(
      `\nGoal p99 < 20 ms and max < 100 ms in the main process: ${goal ? 'met' : 'NOT met'} ` +
        `(p99 ${(before.p99 / Math.max(after.p99, 0.01)).toFixed(0)}x and max ${(before.max / Math.max(after.max, 0.01)).toFixed(0)}x lower than before).\n`,
    );
  } finally {
    fs.rmSync(prepared.root, { recursive: true, force: true });
  }
}

function medianOfRuns(command: string, args: string[], env: NodeJS.ProcessEnv, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

async function benchCliStartup(): Promise<void> {
  console.log('== Command-line start-up (medians of 5, wall time)\n');
  const bundled = path.join(ROOT, 'out', 'cli', 'index.js');
  if (!fs.existsSync(bundled)) {
    console.log(`${bundled} is missing: run \`npm run build\` first. Not measured.\n`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-cli-'));
  const env = { LIAISON_LOG_PASSPHRASE: PASSPHRASE, LIAISON_LOG_RECOVERY_KEY_OUT: path.join(dir, 'recovery.txt') };
  const dataDir = path.join(dir, 'data');
  try {
    // A folder set up once at the production work factor: every `stats` below unlocks it (scrypt 2^18).
    const setUp = spawnSync('node', [bundled, '--data-dir', dataDir, 'init', '--role', 'hq'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (setUp.status !== 0) throw new Error(`Setting up the CLI folder failed: ${setUp.stderr}`);
    // The command line as bin/liaison-log.mjs ran it before the bundle: TypeScript through tsx at run time.
    const tsxEntry = path.join(ROOT, 'node_modules', '.cache', 'liaison-log-bench-tsx-cli.mjs');
    fs.mkdirSync(path.dirname(tsxEntry), { recursive: true });
    fs.writeFileSync(
      tsxEntry,
      "import { register } from 'tsx/esm/api';\nregister();\n" +
        `const { runCli } = await import(${JSON.stringify(path.join(ROOT, 'electron/cli/main.ts'))});\n` +
        'process.exitCode = await runCli(process.argv.slice(2));\n',
    );
    const tsxCli = [tsxEntry];
    const rows: [string, number][] = [
      ["node -e ''", medianOfRuns('node', ['-e', ''], {})],
      ['bundled: --version', medianOfRuns('node', [bundled, '--version'], env)],
      ['through tsx (before): --version', medianOfRuns('node', [...tsxCli, '--version'], env)],
      [
        'bundled: stats --json (opens the folder)',
        medianOfRuns('node', [bundled, '--data-dir', dataDir, 'stats', '--json'], env),
      ],
      [
        'through tsx (before): stats --json',
        medianOfRuns('node', [...tsxCli, '--data-dir', dataDir, 'stats', '--json'], env),
      ],
    ];
    const base = rows[0]?.[1] ?? 1;
    for (const [name, msTaken] of rows) {
      console.log(`${name.padEnd(44)} ${fmt(msTaken)} ${(msTaken / base).toFixed(1).padStart(7)}x node -e`);
    }
    console.log('(stats includes unlocking the folder: scrypt at 2^18, about a second and a half here.)\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchResponsiveness(): Promise<void> {
  await benchEventLoop();
  await benchCliStartup();
}
