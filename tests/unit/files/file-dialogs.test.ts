import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFileDialogs } from '../../../electron/files/dialogs';
import { copyFileAtomic, FileTooLargeError, readGrantedFile } from '../../../electron/files/granted';
import { FILE_DIALOGS } from '../../../shared/contract/file-dialogs';
import { CHANNELS } from '../../../shared/contract/ipc';
import { TestFileChooser } from '../../e2e/file-dialogs';
import { useTempDirs } from '../helpers/temp-dir';

// The host's side of files the officer chooses (electron/files/dialogs.ts, shared/contract/file-dialogs.ts)
// and the backend's streaming copy (electron/files/granted.ts).

const tempDir = useTempDirs();

describe('applyFileDialogs', () => {
  it('shows a save dialog with the suggested name and filters, and grants the chosen path to the call', async () => {
    const chooser = new TestFileChooser();
    chooser.willSave('/tmp/chosen/art18.xlsx');
    const outcome = await applyFileDialogs('reports.saveArt18', { year: 2026, format: 'xlsx' }, chooser);
    expect(outcome).toEqual({ cancelled: false, files: { save: '/tmp/chosen/art18.xlsx' } });
    expect(chooser.shown).toEqual([
      { suggestedName: 'art18-statistics-2026.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] },
    ]);
  });

  it('a cancelled dialog is `cancelled` (the host answers without calling the backend)', async () => {
    const chooser = new TestFileChooser();
    chooser.willCancel();
    expect(await applyFileDialogs('keys.saveHqKeyFile', {}, chooser)).toEqual({ cancelled: true });
    chooser.willCancel();
    expect(await applyFileDialogs('imports.run', { fromDialog: true }, chooser)).toEqual({ cancelled: true });
  });

  it('shows an open dialog only when the input asks for a file (a listed backup, dropped bytes: none)', async () => {
    const chooser = new TestFileChooser();
    const none = { cancelled: false, files: {} };
    expect(await applyFileDialogs('backups.restore', { fileName: 'x.db' }, chooser)).toEqual(none);
    expect(
      await applyFileDialogs('imports.run', { files: [{ name: 'a', bytes: new Uint8Array(1) }] }, chooser),
    ).toEqual(none);
    expect(await applyFileDialogs('posts.enrol', { token: '00000000-0000-4000-8000-000000000000' }, chooser)).toEqual(
      none,
    );
    expect(chooser.shown).toEqual([]);
    chooser.willOpen('/media/usb/a.llbundle', '/media/usb/b.llbundle');
    expect(await applyFileDialogs('imports.run', { fromDialog: true, dryRun: true }, chooser)).toEqual({
      cancelled: false,
      files: { open: ['/media/usb/a.llbundle', '/media/usb/b.llbundle'] },
    });
    chooser.willOpen('/media/usb');
    expect(await applyFileDialogs('backups.saveCopy', { fileName: 'x' }, chooser)).toEqual(none); // invalid name
    expect(
      await applyFileDialogs('backups.saveCopy', { fileName: 'liaison-log-manual-20260101T000000Z-s5.db' }, chooser),
    ).toEqual({ cancelled: false, files: { open: ['/media/usb'] } });
    expect(chooser.shown.at(-1)).toMatchObject({ multiple: false, directory: true });
  });

  it('never shows a dialog for malformed input, unknown channels or channels without files', async () => {
    const chooser = new TestFileChooser();
    const none = { cancelled: false, files: {} };
    for (const [channel, input] of [
      ['reports.saveArt18', { year: 2026, format: 'pdf' }],
      ['reports.saveArt18', { year: 2026, format: 'csv', path: '/etc/passwd' }],
      ['exports.saveCopy', { exportId: 'nope' }],
      ['db.exec', {}],
      [{}, {}],
      ['requests.list', { limit: 10, offset: 0 }],
    ] as const) {
      expect(await applyFileDialogs(channel, input, chooser)).toEqual(none);
    }
    expect(chooser.shown).toEqual([]);
  });

  it('every channel in the table exists in the contract', () => {
    for (const channel of Object.keys(FILE_DIALOGS)) expect(CHANNELS).toContain(channel);
  });
});

describe('the backend streams files from and to the chosen paths', () => {
  it('copies a 1 GB file (sparse) with bounded memory, through a temporary file, and reports the size', async () => {
    const dir = tempDir('liaison-log-copy-');
    const source = path.join(dir, 'big.db');
    fs.writeFileSync(source, 'start');
    fs.truncateSync(source, 1024 ** 3);
    fs.appendFileSync(source, 'end');
    const target = path.join(dir, 'out', 'copy.db');
    fs.mkdirSync(path.dirname(target));
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const saved = await copyFileAtomic(source, target);
      expect(saved).toEqual({ savedTo: target, bytes: 1024 ** 3 + 3 });
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const grew = peak - before;
    console.info(`copying 1 GB: peak RSS grew by ${(grew / 1024 ** 2).toFixed(1)} MB`);
    expect(grew).toBeLessThan(64 * 1024 ** 2);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['copy.db']);
    const fd = fs.openSync(target, 'r');
    const tail = Buffer.alloc(3);
    fs.readSync(fd, tail, 0, 3, 1024 ** 3);
    fs.closeSync(fd);
    expect(tail.toString()).toBe('end');
  }, 60_000);

  it('a copy that fails leaves nothing behind and says why', async () => {
    const dir = tempDir('liaison-log-copy-');
    await expect(copyFileAtomic(path.join(dir, 'missing.db'), path.join(dir, 'copy.db'))).rejects.toThrow(/ENOENT/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a file over the limit on its size, without reading it', async () => {
    const dir = tempDir('liaison-log-read-');
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 2 * 1024 ** 3); // sparse: reading it would need 2 GB
    await expect(readGrantedFile(file, 1_000_000)).rejects.toBeInstanceOf(FileTooLargeError);
    fs.writeFileSync(file, '{"a":1}');
    expect((await readGrantedFile(file, 1_000_000)).toString()).toBe('{"a":1}');
  });
});
