import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/contract/result';
import { createBackend } from '../../electron/backend/create-backend';
import { generateDemo } from '../../electron/demo/generate';
import { demoPeriod, demoPostId, demoPostSeed, demoPostShare, exportSlices } from '../../electron/demo/posts';
import { ed25519FromRaw } from '../../electron/exchange/identity';
import { openedContent, savedContent } from '../../electron/files/trusted';
import { createSession, type Session } from '../../electron/session/session';
import { config, PASSPHRASE, UNTIL } from './config';
import type { RawKeys } from './raw-pipeline';
import { fmtInt, fmtRate, now } from './report';

// Encrypted data folders at the production settings, and the posts' bundles that fill HQ.
//
// HQ is set up and opened exactly as the installed app does it: through the unlock session
// (electron/session/session.ts) with a passphrase, at the production scrypt work factor (2^18), with output
// checks off (the shell passes checkOutputs: false in BackendInit, electron/shell/main.ts).
//
// Each post is a real installation with its own encrypted database (a random 32-byte key through
// createBackend, which opens it with the app's pragmas: electron/db/open.ts): it trusts HQ's key file, HQ enrols
// it, it gets its demo records through its own record store (generateDemo, as the demo does), and it exports
// them as signed, encrypted bundles (exports.create, full level, in the slices a large post exports). The
// bundles are kept as files, so the app's import and the raw pipeline read the very same bytes. Posts are
// separate installations, so BENCH_JOBS of them (default 2) work side by side, each in a child process.

export async function must<T>(answer: Promise<Result<T>>, what: string): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** An HQ session as the installed app opens one (backups at unlock as the app does unless turned off). */
export function appSession(dataDir: string, options: { automaticBackups?: boolean } = {}): Session {
  return createSession({
    dataDir,
    version: 'bench',
    checkOutputs: false,
    log: () => undefined,
    ...(options.automaticBackups === false ? { automaticBackups: false } : {}),
  });
}

/**
 * Unlocks, then waits until the background work the unlock starts (the check; session.maintenance) is done,
 * so that it does not run during a timing. A session without that channel answers at once.
 */
export async function unlocked(session: Session) {
  await must(session.unlock(PASSPHRASE), 'unlock');
  const backend = session.backend();
  if (!backend) throw new Error('The session did not unlock.');
  for (;;) {
    const r = await session.invoke('session.maintenance', {});
    if (!r.ok || !(r.value as { running: unknown }).running) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return backend;
}

export interface BundleFile {
  file: string;
  postId: string;
  /** Records the bundle carries (organisations, people and cases travel again with every slice). */
  records: number;
}

export interface PreparedHq {
  /** Records the posts generated in all. */
  generated: number;
  posts: number;
  /** The HQ folder, locked, with every post enrolled and nothing imported: copied before each import. */
  emptyDir: string;
  bundles: BundleFile[];
  /** Seconds the posts spent generating their records through their stores, and exporting them (summed). */
  generateSeconds: number;
  exportSeconds: number;
  /** Wall-clock seconds of all posts' work, with BENCH_JOBS posts at a time. */
  wallSeconds: number;
  /** Whether this was made now or found from an earlier run (BENCH_DIR). */
  reused: boolean;
}

const MANIFEST = 'prepared.json';

/** One post's work, done in a child process (scripts/bench/post-worker.ts): see makePost. */
export interface PostJob {
  index: number;
  postId: string;
  records: number;
  seed: number;
  /** Its data folder, removed when done. */
  dir: string;
  /** HQ's key file, and where the post saves its enrolment file for HQ. */
  hqKeyFile: string;
  enrolmentFile: string;
  /** Where its bundles go. */
  bundleDir: string;
  homeCountry: string;
  timeZone: string;
}

export interface PostDone {
  postId: string;
  bundles: BundleFile[];
  generateSeconds: number;
  exportSeconds: number;
}

/**
 * A post: set up, trusts HQ's key file, saves its enrolment file, makes its records through its own store
 * and exports them in bundles (the slices a post of that size exports), then its folder is removed.
 */
export async function makePost(job: PostJob): Promise<PostDone> {
  const post = createBackend({
    dataDir: job.dir,
    key: randomBytes(32),
    version: 'bench',
    checkOutputs: false,
    log: () => undefined,
  });
  const bundles: BundleFile[] = [];
  let generateSeconds: number;
  let exportSeconds: number;
  try {
    const { postId } = job;
    await must(
      post.call('identity.init', {
        role: 'post',
        postId,
        postName: `Benchmark post ${postId}`,
        officer: 'Benchmark officer',
        country: 'CO',
      }),
      `${postId} identity`,
    );
    await must(
      post.call('settings.update', { homeCountry: job.homeCountry, timeZone: job.timeZone }),
      `${postId} settings`,
    );
    await must(openedContent(post.invoke, 'keys.importHq', {}, fs.readFileSync(job.hqKeyFile)), `${postId} trusts HQ`);
    const enrolment = await must(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}), `${postId} enrolment`);
    fs.writeFileSync(job.enrolmentFile, enrolment);
    let start = now();
    generateDemo(post.db, post.services.store, { records: job.records, seed: job.seed, until: UNTIL });
    generateSeconds = (now() - start) / 1000;
    start = now();
    for (const slice of exportSlices(post, demoPeriod(UNTIL))) {
      const entry = await must(post.call('exports.create', { ...slice, level: 'full' }), `${postId} export`);
      const file = path.join(job.bundleDir, `${postId}-${String(bundles.length + 1).padStart(3, '0')}.llbundle`);
      fs.renameSync(entry.path, file);
      bundles.push({ file, postId, records: Object.values(entry.counts).reduce((n, c) => n + c, 0) });
    }
    exportSeconds = (now() - start) / 1000;
  } finally {
    post.close();
  }
  fs.rmSync(job.dir, { recursive: true, force: true });
  return { postId: job.postId, bundles, generateSeconds, exportSeconds };
}

/** Runs the jobs in BENCH_JOBS child processes at a time (each post's work is one synchronous burst). */
async function runPosts(jobs: PostJob[], root: string): Promise<PostDone[]> {
  const worker = path.join(import.meta.dirname, 'post-worker.ts');
  const done: PostDone[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as PostJob;
      const jobFile = path.join(root, `${job.postId}.job.json`);
      const doneFile = path.join(root, `${job.postId}.done.json`);
      fs.writeFileSync(jobFile, JSON.stringify(job));
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', worker, jobFile, doneFile], { stdio: 'inherit' });
        child.on('exit', resolve);
        child.on('error', () => resolve(null));
      });
      if (code !== 0) throw new Error(`The post ${job.postId} failed (exit code ${code}).`);
      done[job.index] = JSON.parse(fs.readFileSync(doneFile, 'utf8')) as PostDone;
      fs.rmSync(jobFile);
      fs.rmSync(doneFile);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(config.jobs, jobs.length)) }, lane));
  return done;
}

/**
 * Makes (or finds in `root`, from an earlier run with the same sizes) an empty HQ folder and the bundles of
 * `records` records from `posts` posts. The posts run in BENCH_JOBS child processes side by side; HQ enrols
 * them all once they are done (before any import, as it must).
 */
export async function prepareHq(root: string, records: number, posts: number, seed: number): Promise<PreparedHq> {
  const manifestFile = path.join(root, MANIFEST);
  if (fs.existsSync(manifestFile)) {
    const found = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as PreparedHq;
    if (found.generated === records && found.posts === posts && found.bundles.every((b) => fs.existsSync(b.file))) {
      return { ...found, reused: true };
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
  const bundleDir = path.join(root, 'bundles');
  fs.mkdirSync(bundleDir, { recursive: true });
  fs.mkdirSync(path.join(root, 'posts'), { recursive: true });
  const emptyDir = path.join(root, 'hq-empty');
  const session = appSession(emptyDir, { automaticBackups: false });
  await must(session.setup(PASSPHRASE, false), 'HQ setup');
  const hq = session.backend();
  if (!hq) throw new Error('The HQ session did not unlock after setup.');
  let done: PostDone[];
  let wallSeconds: number;
  try {
    await must(hq.call('identity.init', { role: 'hq', hqName: 'Benchmark HQ' }), 'HQ identity');
    const settings = hq.services.settings.read();
    const hqKeyFile = path.join(root, 'hq-key.json');
    fs.writeFileSync(hqKeyFile, await must(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}), 'HQ key file'));
    const jobs: PostJob[] = Array.from({ length: posts }, (_, i) => ({
      index: i,
      postId: demoPostId(i),
      records: demoPostShare(records, i, posts),
      seed: demoPostSeed(seed, i, posts),
      dir: path.join(root, 'posts', demoPostId(i)),
      hqKeyFile,
      enrolmentFile: path.join(root, 'posts', `${demoPostId(i)}.enrolment.json`),
      bundleDir,
      homeCountry: settings.homeCountry,
      timeZone: settings.timeZone,
    }));
    const start = now();
    done = await runPosts(jobs, path.join(root, 'posts'));
    wallSeconds = (now() - start) / 1000;
    for (const job of jobs) {
      await must(
        openedContent(hq.invoke, 'posts.enrol', {}, fs.readFileSync(job.enrolmentFile)),
        `enrolling ${job.postId}`,
      );
    }
  } finally {
    await session.lock();
  }
  fs.rmSync(path.join(root, 'posts'), { recursive: true, force: true });
  const prepared: PreparedHq = {
    generated: records,
    posts,
    emptyDir,
    bundles: done.flatMap((d) => d.bundles),
    generateSeconds: done.reduce((n, d) => n + d.generateSeconds, 0),
    exportSeconds: done.reduce((n, d) => n + d.exportSeconds, 0),
    wallSeconds,
    reused: false,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(prepared, null, 2));
  return prepared;
}

export function describePrepared(p: PreparedHq): string {
  const carried = p.bundles.reduce((n, b) => n + b.records, 0);
  if (p.reused) return `${fmtInt(p.generated)} records from ${p.posts} posts in ${p.bundles.length} bundles (reused)`;
  return (
    `${fmtInt(p.generated)} records from ${p.posts} posts: generated through the posts' stores in ` +
    `${p.generateSeconds.toFixed(1)} s (${fmtRate(p.generated / p.generateSeconds)} per post process), exported in ` +
    `${p.bundles.length} bundles carrying ${fmtInt(carried)} records in ${p.exportSeconds.toFixed(1)} s; ` +
    `${p.wallSeconds.toFixed(1)} s in all with ${Math.min(config.jobs, p.posts)} posts at a time (BENCH_JOBS)`
  );
}

/** HQ's age identities and the enrolled posts' public keys, read from an unlocked HQ. */
export function rawKeys(hq: NonNullable<ReturnType<Session['backend']>>): RawKeys {
  const identities = hq.services.exchange.identity.hqSecrets().map((k) => k.secret);
  const rows = hq.db.prepare('SELECT key_id, public_key FROM enrolled_key').all() as {
    key_id: string;
    public_key: string;
  }[];
  return {
    identities,
    publicKeys: new Map(rows.map((r) => [r.key_id, ed25519FromRaw(Buffer.from(r.public_key, 'base64'))])),
  };
}

/** A fresh copy of a folder (the empty HQ before each import). */
export function freshCopy(from: string, to: string): string {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  return to;
}
