import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_FOLDER } from '../../../electron/logging/logger';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import type { Result } from '../../../shared/contract/result';
import { plantRecordMarkers } from '../helpers/markers';
import { setUpSession, TEST_PASSPHRASE, TEST_WORK_FACTOR, useSessions } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';

// The proof for the log file: a session like an officer's, through the real unlock session and
// backend, with the log file attached as the app attaches it (the session's `log` writes to the logger; the
// backend's own logger takes the renderer's lines), with marker strings in every kind of text and things
// going wrong on purpose: a failed automatic backup, a failed manual backup, wrong passphrases, a wrong
// recovery code, an import of a garbage file, a page's render error and a library error that quotes its
// input. Afterwards no file under logs/ holds a marker, a passphrase or the database key, raw, in hex or in
// base64; and the log does hold the failures (the sweep looks at something).

const NEW_PASSPHRASE = 'another passphrase, changed at the end';
const WRONG_PASSPHRASE = 'wrong guess Tamarind Orchid 6630';

// Real text has spaces; the hyphenated ones are shaped like identifiers. Both kinds must stay out.
const MARKERS = {
  personName: 'Quillfeather Zebulon 7731',
  personNotes: 'informant met at the lighthouse 5512',
  requestSubject: 'Container MSCU 4481920 subject 2290',
  requestNotes: 'Handwritten-ledger-in-the-galley-NOTES-6604',
  agency: 'Brigada Especial Marker 1187',
  organisation: 'Directorate Nightjar 3349',
  caseName: 'Operation Saltmarsh 9021',
  caseReference: 'REF-MARKER-77413',
  postName: 'Embassy of Marker 4410',
  officer: 'Officer Vandersloot 1203',
  label: 'backup label marker 5530',
  garbage: 'Smuggled Manifest Garbage 8812',
  hqName: 'Headquarters Marker 3319',
};

function value<T>(r: Result<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function allFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? allFiles(full) : entry.isFile() ? [full] : [];
  });
}

/** A secret as a leak would write it: raw (UTF-8 and UTF-16), hex (either case), base64 and base64url. */
function forms(text: string | Buffer): Buffer[] {
  const raw = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const strings = [raw.toString('hex'), raw.toString('hex').toUpperCase(), raw.toString('base64')];
  strings.push(raw.toString('base64url'));
  if (typeof text === 'string') strings.push(text);
  return [
    raw,
    ...strings.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]),
    // base64 of a string starting mid-way: the first characters depend on the alignment, the rest does not.
    ...[1, 2].map((shift) =>
      Buffer.from(
        Buffer.concat([Buffer.alloc(shift), raw])
          .toString('base64')
          .slice(4),
      ),
    ),
  ];
}

describe('no record content, passphrase or key in the log file', () => {
  const open = useSessions();
  const tempDir = useTempDirs();

  it('after a full session with failures, no file under logs/ holds a marker, a passphrase or the key', async () => {
    const dataDir = tempDir('liaison-log-log-markers-');
    const logger = createLogger({ dataDir });
    // As the app wires it: every message the session logs (with its error) goes to the log file.
    const log = (message: string, error?: unknown) => {
      logger.write('error', 'backend', 'backend.error', message, error);
    };
    const { session } = open({ dataDir, log });
    await setUpSession(session);

    value(
      await session.call('identity.init', {
        role: 'post',
        postId: 'MRK',
        postName: MARKERS.postName,
        officer: MARKERS.officer,
        country: 'PE',
      }),
    );
    await plantRecordMarkers(session.call, MARKERS);

    // At HQ (its own data folder and log), an import of a garbage file that holds a marker: rejected.
    const hqDir = tempDir('liaison-log-log-markers-hq-');
    const hqLogger = createLogger({ dataDir: hqDir });
    const hq = open({
      dataDir: hqDir,
      log: (message, error) => hqLogger.write('error', 'backend', 'backend.error', message, error),
    }).session;
    await setUpSession(hq);
    value(await hq.call('identity.init', { role: 'hq', hqName: MARKERS.hqName }));
    const imported = value(
      await hq.call('imports.run', {
        files: [{ name: 'bundle.age', bytes: Buffer.from(`not a bundle at all: "${MARKERS.garbage}"`) }],
      }),
    );
    expect(imported.files[0]?.outcome).toBe('rejected');
    await hq.lock();

    // A page's render error, as the renderer's error boundary reports it (name and message of the error).
    value(
      await session.call('logs.write', {
        code: 'renderer.page_failed',
        page: 'requests',
        message: "TypeError: Cannot read properties of undefined (reading 'subject')",
      }),
    );
    // A library error that quotes its input (Node's JSON.parse does): the quoted text is not written.
    try {
      JSON.parse(`{"subject": "${MARKERS.requestSubject}", "notes": ${MARKERS.personNotes}}`);
    } catch (error) {
      log('A file could not be read', error);
    }

    // Wrong passphrases, a wrong recovery code.
    expect((await session.changePassphrase(WRONG_PASSPHRASE, NEW_PASSPHRASE)).ok).toBe(false);
    await session.lock();
    expect((await session.unlock(WRONG_PASSPHRASE)).ok).toBe(false);
    expect((await session.recover(`not a recovery code ${MARKERS.officer}`, NEW_PASSPHRASE)).ok).toBe(false);
    value(await session.unlock(TEST_PASSPHRASE));

    // Backups that fail: the backups folder is replaced by a file, then an automatic backup falls due.
    value(await session.call('settings.update', { backupIntervalHours: 1 }));
    const backups = path.join(dataDir, 'backups');
    fs.renameSync(backups, `${backups}-moved-aside`);
    fs.writeFileSync(backups, 'not a folder');
    expect((await session.call('backups.create', { label: MARKERS.label })).ok).toBe(false);
    await session.lock();
    const later = open({ dataDir, log, now: () => new Date(Date.now() + 2 * 3_600_000) }).session;
    value(await later.unlock(TEST_PASSPHRASE)); // the automatic backup is due, and fails (logged)
    expect(later.status().backupWarning).toBeTruthy();
    await later.lock();
    fs.rmSync(backups);
    fs.renameSync(`${backups}-moved-aside`, backups);

    value(await session.unlock(TEST_PASSPHRASE));
    value(await session.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE));
    const { key } = await unwrapWithPassphrase(
      { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
      NEW_PASSPHRASE,
    );
    await session.lock();

    // The log holds the failures: the sweep below looks at something.
    const files = [...allFiles(path.join(dataDir, LOG_FOLDER)), ...allFiles(path.join(hqDir, LOG_FOLDER))];
    expect(files.length).toBeGreaterThan(0);
    const lines = logger.read().lines;
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'backend.error', message: 'The automatic backup failed' }),
        expect.objectContaining({ code: 'backend.error', message: 'A file could not be read' }),
        expect.objectContaining({ source: 'renderer', code: 'renderer.page_failed' }),
      ]),
    );
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(text).toMatch(/\n {4}at /); // stacks are written

    const secrets: Record<string, Buffer[]> = {
      ...Object.fromEntries(Object.entries(MARKERS).map(([k, v]) => [k, forms(v)])),
      passphrase: forms(TEST_PASSPHRASE),
      newPassphrase: forms(NEW_PASSPHRASE),
      wrongPassphrase: forms(WRONG_PASSPHRASE),
      key: forms(key),
    };
    const found: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const [what, needles] of Object.entries(secrets)) {
        if (needles.some((needle) => bytes.includes(needle))) found.push(`${file}: ${what}`);
      }
    }
    expect(found).toEqual([]);
    key.fill(0);
  });
});
