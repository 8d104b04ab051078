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
import { PASSPHRASE, UNTIL } from './config';
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
// bundles are kept as files, so the app's import and the raw pipeline read the very same bytes.

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

export async function unlocked(session: Session) {
  await must(session.unlock(PASSPHRASE), 'unlock');
  const backend = session.backend();
  if (!backend) throw new Error('The session did not unlock.');
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
  /** Seconds the posts spent generating their records through their stores, and exporting them. */
  generateSeconds: number;
  exportSeconds: number;
  /** Whether this was made now or found from an earlier run (BENCH_DIR). */
  reused: boolean;
}

const MANIFEST = 'prepared.json';

/**
 * Makes (or finds in `root`, from an earlier run with the same sizes) an empty HQ folder and the bundles of
 * `records` records from `posts` posts.
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
  fs.mkdirSync(path.join(root, 'bundles'), { recursive: true });
  const emptyDir = path.join(root, 'hq-empty');
  const session = appSession(emptyDir, { automaticBackups: false });
  await must(session.setup(PASSPHRASE, false), 'HQ setup');
  const hq = session.backend();
  if (!hq) throw new Error('The HQ session did not unlock after setup.');
  const bundles: BundleFile[] = [];
  let generateSeconds = 0;
  let exportSeconds = 0;
  try {
    await must(hq.call('identity.init', { role: 'hq', hqName: 'Benchmark HQ' }), 'HQ identity');
    const settings = hq.services.settings.read();
    const keyFile = await must(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}), 'HQ key file');
    const period = demoPeriod(UNTIL);
    for (let i = 0; i < posts; i++) {
      const postId = demoPostId(i);
      const post = createBackend({
        dataDir: path.join(root, 'posts', postId),
        key: randomBytes(32),
        version: 'bench',
        checkOutputs: false,
        log: () => undefined,
      });
      try {
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
          post.call('settings.update', { homeCountry: settings.homeCountry, timeZone: settings.timeZone }),
          `${postId} settings`,
        );
        await must(openedContent(post.invoke, 'keys.importHq', {}, keyFile), `${postId} trusts HQ`);
        const enrolment = await must(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}), `${postId} enrolment`);
        await must(openedContent(hq.invoke, 'posts.enrol', {}, enrolment), `HQ enrols ${postId}`);

        let start = now();
        generateDemo(post.db, post.services.store, {
          records: demoPostShare(records, i, posts),
          seed: demoPostSeed(seed, i, posts),
          until: UNTIL,
        });
        generateSeconds += (now() - start) / 1000;
        start = now();
        for (const slice of exportSlices(post, period)) {
          const entry = await must(post.call('exports.create', { ...slice, level: 'full' }), `${postId} export`);
          const file = path.join(root, 'bundles', `${postId}-${String(bundles.length + 1).padStart(4, '0')}.llbundle`);
          fs.renameSync(entry.path, file);
          bundles.push({ file, postId, records: Object.values(entry.counts).reduce((n, c) => n + c, 0) });
        }
        exportSeconds += (now() - start) / 1000;
      } finally {
        post.close();
      }
      fs.rmSync(path.join(root, 'posts', postId), { recursive: true, force: true });
    }
  } finally {
    await session.lock();
  }
  const prepared: PreparedHq = {
    generated: records,
    posts,
    emptyDir,
    bundles,
    generateSeconds,
    exportSeconds,
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
    `${p.generateSeconds.toFixed(1)} s (${fmtRate(p.generated / p.generateSeconds)}), exported in ` +
    `${p.bundles.length} bundles carrying ${fmtInt(carried)} records in ${p.exportSeconds.toFixed(1)} s`
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
