import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_FILE, LOG_FOLDER, parse } from '../../../electron/logging/logger';
import { describeError, reduceMessage } from '../../../electron/logging/describe';
import { useTempDirs } from '../helpers/temp-dir';

// The rotating log file, on real temporary folders: the line format, reading back, rotation at the size
// limit with the oldest file dropped, POSIX permissions, and what of a message or an error gets written.

const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('the log file', () => {
  const tempDir = useTempDirs();

  it('writes one line per event (time, level, source, code, message) and reads them back, oldest first', () => {
    const dataDir = tempDir('liaison-log-logs-');
    let clock = Date.parse('2026-07-01T08:15:02.114Z');
    const logger = createLogger({ dataDir, now: () => new Date((clock += 1000)) });
    expect(logger.folder).toBe(path.join(dataDir, LOG_FOLDER));
    expect(logger.read()).toEqual({ folder: logger.folder, lines: [] }); // nothing written yet: no folder either
    expect(fs.existsSync(logger.folder)).toBe(false);

    expect(logger.write('info', 'backend', 'backup.made', 'Automatic backup made')).toBe(true);
    expect(logger.write('warn', 'shell', 'power.resume', 'The computer woke up; the data was locked')).toBe(true);
    expect(logger.write('error', 'renderer', 'renderer.page_failed', 'overview: TypeError: x is undefined')).toBe(true);

    const text = fs.readFileSync(path.join(logger.folder, LOG_FILE), 'utf8');
    expect(text.split('\n')).toEqual([
      '2026-07-01T08:15:03.114Z INFO  backend backup.made Automatic backup made',
      '2026-07-01T08:15:04.114Z WARN  shell power.resume The computer woke up; the data was locked',
      '2026-07-01T08:15:05.114Z ERROR renderer renderer.page_failed overview: TypeError: x is undefined',
      '',
    ]);
    expect(logger.read().lines).toEqual([
      {
        at: '2026-07-01T08:15:03.114Z',
        level: 'info',
        source: 'backend',
        code: 'backup.made',
        message: 'Automatic backup made',
      },
      {
        at: '2026-07-01T08:15:04.114Z',
        level: 'warn',
        source: 'shell',
        code: 'power.resume',
        message: 'The computer woke up; the data was locked',
      },
      {
        at: '2026-07-01T08:15:05.114Z',
        level: 'error',
        source: 'renderer',
        code: 'renderer.page_failed',
        message: 'overview: TypeError: x is undefined',
      },
    ]);
    // A second logger on the same folder (another process, a restart) reads the same lines and appends.
    const again = createLogger({ dataDir });
    again.write('info', 'backend', 'backend.started', 'Started');
    expect(again.read().lines.map((l) => l.code)).toEqual([
      'backup.made',
      'power.resume',
      'renderer.page_failed',
      'backend.started',
    ]);
  });

  it('writes an error as its name, message and stack; reading back gives the name and message', () => {
    const dataDir = tempDir('liaison-log-logs-');
    const logger = createLogger({ dataDir });
    const cause = new RangeError('Offset is out of bounds');
    const error = Object.assign(new Error('The backup could not be checked', { cause }), { code: 'SQLITE_CORRUPT' });
    logger.write('error', 'backend', 'backup.check_failed', 'The automatic backup failed its check', error);

    const text = fs.readFileSync(path.join(logger.folder, LOG_FILE), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ ERROR backend backup\.check_failed The automatic backup failed its check$/);
    expect(lines[1]).toBe('    Error [SQLITE_CORRUPT]: The backup could not be checked');
    expect(lines[2]).toMatch(/^ {4}at .*logger\.test\.ts:\d+:\d+\)?$/);
    expect(lines).toContain('    Caused by: RangeError: Offset is out of bounds');
    expect(lines.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(logger.read().lines).toEqual([
      expect.objectContaining({
        code: 'backup.check_failed',
        error: 'Error [SQLITE_CORRUPT]: The backup could not be checked',
      }),
    ]);
  });

  it('rotates at the size limit, keeps the given number of old files and drops the oldest', () => {
    const dataDir = tempDir('liaison-log-logs-');
    const logger = createLogger({ dataDir, maxBytes: 1000, keep: 3 });
    const file = path.join(logger.folder, LOG_FILE);
    // Each line is about 100 bytes: 9 fit in a file.
    for (let i = 0; i < 100; i += 1) {
      logger.write('info', 'backend', 'test.line', `Line ${String(i).padStart(3, '0')} ${'x '.repeat(25)}`);
    }
    expect(fs.readdirSync(logger.folder).sort()).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const name of fs.readdirSync(logger.folder)) {
      expect(fs.statSync(path.join(logger.folder, name)).size).toBeLessThanOrEqual(1000);
    }
    const numbers = (name: string) =>
      parse(fs.readFileSync(name, 'utf8')).map((l) => Number(/Line (\d+)/.exec(l.message)?.[1]));
    // The newest lines are in the current file, the ones before in .1, .2, .3 (older each), with no gap.
    const all = [`${file}.3`, `${file}.2`, `${file}.1`, file].flatMap(numbers);
    expect(all.at(-1)).toBe(99);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => 100 - all.length + i));
    expect(all.length).toBeGreaterThan(27);
    expect(all.length).toBeLessThan(40);

    // Reading back crosses the files, newest last, within the byte budget (whole lines only).
    expect(logger.read().lines.map((l) => Number(/Line (\d+)/.exec(l.message)?.[1]))).toEqual(all);
    const recent = logger.read(450).lines;
    expect(recent.length).toBeGreaterThanOrEqual(3);
    expect(recent.length).toBeLessThanOrEqual(5);
    expect(recent.at(-1)?.message).toMatch(/^Line 099 /);
  });

  it.skipIf(!posix)('makes the folder 0700 and the files 0600, whatever the umask, and mends wider ones', () => {
    const dataDir = tempDir('liaison-log-logs-');
    const saved = process.umask(0o000);
    try {
      const logger = createLogger({ dataDir, maxBytes: 200, keep: 2 });
      for (let i = 0; i < 10; i += 1) logger.write('info', 'backend', 'test.line', `Line ${i} ${'y '.repeat(30)}`);
      expect(mode(logger.folder)).toBe(0o700);
      const names = fs.readdirSync(logger.folder);
      expect(names.length).toBe(3);
      for (const name of names) expect(mode(path.join(logger.folder, name)), name).toBe(0o600);

      fs.chmodSync(logger.folder, 0o755);
      fs.chmodSync(path.join(logger.folder, LOG_FILE), 0o644);
      logger.write('info', 'backend', 'test.line', 'Once more');
      expect(mode(path.join(logger.folder, LOG_FILE))).toBe(0o600);
      // The folder is checked once per logger: the next start of the app mends it.
      createLogger({ dataDir }).write('info', 'backend', 'test.line', 'Started again');
      expect(mode(logger.folder)).toBe(0o700);
      expect(mode(path.join(logger.folder, LOG_FILE))).toBe(0o600);
    } finally {
      process.umask(saved);
    }
  });

  it('never throws: a log that cannot be written answers false, and the caller carries on', () => {
    const dataDir = tempDir('liaison-log-logs-');
    fs.writeFileSync(path.join(dataDir, LOG_FOLDER), 'a file where the folder should be');
    const logger = createLogger({ dataDir });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(logger.write('error', 'backend', 'test.line', 'Nowhere to go')).toBe(false);
      expect(logger.write('error', 'backend', 'test.line', 'Still nowhere')).toBe(false);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1); // said once, not on every line
    expect(logger.read().lines).toEqual([]);
  });

  it('keeps each event on its own line and its code and source well-formed', () => {
    const dataDir = tempDir('liaison-log-logs-');
    const logger = createLogger({ dataDir });
    logger.write(
      'info',
      'backend',
      'Not A Code!',
      'first line\nsecond line\r\n2026-01-01T00:00:00.000Z ERROR shell x forged',
    );
    const text = fs.readFileSync(path.join(logger.folder, LOG_FILE), 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(logger.read().lines).toEqual([
      expect.objectContaining({ code: 'invalid_code', source: 'backend', level: 'info' }),
    ]);
  });
});

describe('what of a message or an error is written', () => {
  it('replaces quoted text, absolute paths and key-shaped runs, and caps the length', () => {
    expect(reduceMessage(`Unexpected token 'Q', "Quillfeather Zebulon" is not valid JSON`)).toBe(
      `Unexpected token '…', "…" is not valid JSON`,
    );
    expect(reduceMessage("ENOENT: no such file or directory, open '/home/jdv/Liaison Log/backups/x.db'")).toBe(
      "ENOENT: no such file or directory, open '…'",
    );
    // A snippet that holds quotes of its own is cut from the first quote to the last.
    expect(reduceMessage(`Unexpected token 'I', ..."ct 2290", "notes": Informant"... is not valid JSON`)).toBe(
      `Unexpected token '…', ..."…"... is not valid JSON`,
    );
    expect(reduceMessage('Invalid value "Quillfeather Zeb')).toBe('Invalid value "…"');
    expect(reduceMessage("The post's key doesn't open HQ's file")).toBe("The post's key doesn't open HQ's file");
    expect(reduceMessage('cannot write /home/jdv/data/liaison-log.db (disk full)')).toBe(
      'cannot write [path] (disk full)',
    );
    expect(reduceMessage('cannot write C:\\Users\\jdv\\AppData\\x.db')).toBe('cannot write [path]');
    expect(reduceMessage(`key ${'ab'.repeat(32)} and ${Buffer.alloc(32, 9).toString('base64')}`)).toBe(
      'key [hex] and [data]',
    );
    expect(reduceMessage('x '.repeat(1000))).toHaveLength(500);
    expect(reduceMessage('tab\there\u2028and\u0000there')).toBe('tab here and there');
  });

  it('writes a thrown non-Error as its type only, never its value', () => {
    expect(describeError('the passphrase is hunter2')).toEqual({
      summary: 'A value of type string was thrown (not written)',
      details: [],
    });
    expect(describeError({ subject: 'secret' }).summary).toBe('A value of type object was thrown (not written)');
    expect(describeError(null).summary).toBe('A value of type null was thrown (not written)');
  });

  it('keeps stack frames (code locations) but not the message repeated in the stack', () => {
    const error = new TypeError('Cannot read properties of undefined (reading "Secret Subject")');
    const described = describeError(error);
    expect(described.summary).toBe('TypeError: Cannot read properties of undefined (reading "…")');
    expect(described.details.length).toBeGreaterThan(0);
    expect(described.details.every((d) => d.startsWith('at '))).toBe(true);
    expect(described.details.join('\n')).not.toContain('Secret Subject');
  });
});
