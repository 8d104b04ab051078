import { beforeAll, describe, expect, it } from 'vitest';
import { englishText } from '../../../shared/contract/messages';
import { ImportReport } from '../../../shared/exchange/schema';
import { demo, dump, exportBundle, initHq, initPost, pair, recordTables, useInstallations } from './helpers';

// HQ's import takes one file at a time: checked, then merged in a transaction of its own, so that only one
// file's records are in memory and each file is imported whole or not at all. What a run of several files
// reports when it is cancelled half-way, when a dry run holds the same export twice, and when a later file
// is refused while an earlier one was imported.

const installs = useInstallations();

beforeAll(async () => {
  const hq = installs.make('hq');
  const bog = installs.make('bog');
  const lim = installs.make('lim');
  await initHq(hq);
  await initPost(bog, 'BOG');
  await initPost(lim, 'LIM', 'PE');
  await pair(bog, hq);
  await pair(lim, hq);
  demo(bog, 300, 3);
  demo(lim, 300, 4);
  installs.seal();
});

async function bundles() {
  const bog = installs.open('bog');
  const lim = installs.open('lim');
  const a = await exportBundle(bog, 'full');
  const b = await exportBundle(lim, 'full');
  return [
    { name: 'bog.llbundle', bytes: a.bytes },
    { name: 'lim.llbundle', bytes: b.bytes },
  ];
}

describe('an import of several files', () => {
  it('cancelled after the first file keeps that file and reports the rest as not reached', async () => {
    const hq = installs.open('hq');
    const files = await bundles();
    const controller = new AbortController();
    const report = await hq.services.exchange.imports.run([...files, { ...files[0]!, name: 'again.llbundle' }], {
      dryRun: false,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 1) controller.abort();
      },
    });
    expect(report.files.map((f) => [f.file, f.outcome, f.reason])).toEqual([
      ['bog.llbundle', 'imported', null],
      ['lim.llbundle', 'not_reached', 'cancelled'],
      ['again.llbundle', 'not_reached', 'cancelled'],
    ]);
    expect(report.files[1]!.detail).toEqual({ code: 'import.cancelled_before' });
    // Not reached is its own total: the files a cancel left unread were not refused.
    expect(report.totals).toMatchObject({ imported: 1, rejected: 0, notReached: 2 });
    expect(ImportReport.parse(report)).toEqual(report);
    const posts = hq.db.prepare('SELECT DISTINCT origin_post FROM record WHERE origin_post IS NOT NULL').pluck().all();
    expect(posts).toEqual(['BOG']);
  });

  it('cancelled after a refused file counts that one rejected and the unread ones not reached, dry run too', async () => {
    const hq = installs.open('hq');
    const files = await bundles();
    const garbage = { name: 'garbage.llbundle', bytes: new TextEncoder().encode('not a bundle at all') };
    for (const dryRun of [true, false]) {
      const controller = new AbortController();
      const report = await hq.services.exchange.imports.run(
        [files[1]!, garbage, { ...files[1]!, name: 'third.llbundle' }, { ...files[0]!, name: 'fourth.llbundle' }],
        { dryRun, signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() },
      );
      expect(report.files.map((f) => [f.file, f.outcome, f.reason])).toEqual([
        ['lim.llbundle', 'imported', null],
        ['garbage.llbundle', 'rejected', 'not_a_bundle'],
        ['third.llbundle', 'not_reached', 'cancelled'],
        ['fourth.llbundle', 'not_reached', 'cancelled'],
      ]);
      expect(report.totals).toMatchObject({ imported: 1, alreadyImported: 0, rejected: 1, notReached: 2 });
      expect(report.files[2]!.message).toBe(englishText({ code: 'import.cancelled_before' }));
    }
  });

  it('cancelled before any file was merged imports nothing and says so', async () => {
    const hq = installs.open('hq');
    const files = await bundles();
    const before = dump(hq);
    const controller = new AbortController();
    controller.abort();
    await expect(hq.services.exchange.imports.run(files, { dryRun: false, signal: controller.signal })).rejects.toThrow(
      'Nothing was imported',
    );
    expect(dump(hq)).toEqual(before);
  });

  it('in a dry run reports a repeated export as the real run would, and changes nothing', async () => {
    const hq = installs.open('hq');
    const files = await bundles();
    const before = dump(hq);
    const run = [files[0]!, files[1]!, { ...files[0]!, name: 'copy-of-bog.llbundle' }];
    const dry = await hq.services.exchange.imports.run(run, { dryRun: true });
    expect(dump(hq)).toEqual(before);
    const real = await hq.services.exchange.imports.run(run, { dryRun: false });
    const outcomes = (r: typeof dry) => r.files.map((f) => [f.file, f.outcome, f.added, f.updated]);
    expect(outcomes(dry)).toEqual(outcomes(real));
    expect(dry.files.map((f) => f.detail?.code)).toEqual([
      'import.dry_run_ok',
      'import.dry_run_ok',
      'import.already_imported',
    ]);
  });

  it('keeps an earlier file when a later one is refused, and the refused one leaves nothing', async () => {
    const hq = installs.open('hq');
    const files = await bundles();
    const truncated = { name: 'cut.llbundle', bytes: files[1]!.bytes.subarray(0, files[1]!.bytes.length - 40) };
    const report = await hq.services.exchange.imports.run([files[0]!, truncated], { dryRun: false });
    expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'rejected']);
    const alone = installs.open('hq');
    await alone.services.exchange.imports.run([files[0]!], { dryRun: false });
    // The same records as importing the first file alone (the audit's clock readings aside).
    const tables = (d: ReturnType<typeof dump>) => {
      const t = recordTables(d);
      delete t['audit_entry'];
      return t;
    };
    expect(tables(dump(hq))).toEqual(tables(dump(alone)));
  });
});
