import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../electron/cli/main';
import type { SheetImportReport, UndoReport } from '../../../shared/sheet-import/schema';
import { HEADERS, badRows, csvBytes, legacyRows, writeFile, xlsxBytes } from '../../fixtures/sheets/legacy';
import { cliTestSetup } from '../helpers/session';
import { makeTempDir, removeTempDir, useTempDirs } from '../helpers/temp-dir';

// `liaison-log import-sheet FILE --mapping M.json [--dry-run] [--json]` and `import-sheet undo BATCH`: the same
// channels as the window, on an encrypted data folder; exit status 1 when rows had problems, 2 for a bad
// configuration file.

const secretsDir = makeTempDir('liaison-log-sheet-cli-');
afterAll(() => removeTempDir(secretsDir));
const secrets = cliTestSetup(secretsDir);

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t) && undefined, err: (t) => (err += t) && undefined };
  const code = await runCli(argv, io, secrets.env, secrets.options);
  return { code, out, err };
}

describe('liaison-log import-sheet', () => {
  const tempDir = useTempDirs();

  it('imports with --mapping, recognises a second run, dry-runs, and undoes a batch', async () => {
    const data = tempDir('liaison-log-sheet-cli-data-');
    const files = tempDir('liaison-log-sheet-cli-files-');
    const rows = legacyRows({ lang: 'nl', rows: 25, dates: 'excel' });
    const bad = badRows('nl', 'excel');
    const sheet = writeFile(
      files,
      'logboek.xlsx',
      await xlsxBytes(HEADERS.nl, [...rows.map((r) => r.cells), ...bad.map((b) => b.cells)]),
    );
    // Without --mapping and nothing saved: the suggested configuration is printed to save and check.
    const first = await cli(['--data-dir', data, 'import-sheet', sheet]);
    expect(first.code).toBe(2);
    const suggested = JSON.parse(first.out) as Record<string, unknown>;
    expect(suggested['target']).toBe('request');
    const mappingFile = path.join(files, 'logboek.mapping.json');
    fs.writeFileSync(mappingFile, JSON.stringify({ ...suggested, source: 'bogota-2015-2019' }, null, 2));

    const dry = await cli(['--data-dir', data, 'import-sheet', sheet, '--mapping', mappingFile, '--dry-run', '--json']);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, batchId: null, counts: { imported: 25, problems: 4 } });

    const done = await cli(['--data-dir', data, 'import-sheet', sheet, '--mapping', mappingFile, '--json']);
    expect(done.code).toBe(1); // rows with problems
    const report = JSON.parse(done.out) as SheetImportReport;
    expect(report.counts).toMatchObject({ rows: 29, imported: 25, problems: 4, alreadyImported: 0 });
    expect(report.problemRows.map((p) => p.problems[0]?.code)).toEqual(bad.map((b) => b.code));

    const text = await cli(['--data-dir', data, 'import-sheet', sheet, '--mapping', mappingFile]);
    expect(text.out).toContain('Imported 0 of 29 rows');
    expect(text.out).toContain('25 rows were already imported');
    expect(text.out).toMatch(/row 27: Land: “Atlantis” is not a country/);

    const batches = await cli(['--data-dir', data, 'import-sheet', 'batches', '--json']);
    const [batch] = JSON.parse(batches.out) as { id: string }[];
    const undo = await cli(['--data-dir', data, 'import-sheet', 'undo', batch?.id ?? '', '--json']);
    expect(undo.code).toBe(0);
    expect((JSON.parse(undo.out) as UndoReport).removed).toBe(25);
    const stats = await cli(['--data-dir', data, 'stats', '--json']);
    expect(JSON.parse(stats.out)).toMatchObject({ informationRequests: 0 });
  });

  it('refuses a configuration file that is not one (exit 2), and a hostile file (exit 1), writing nothing', async () => {
    const data = tempDir('liaison-log-sheet-cli-data-');
    const files = tempDir('liaison-log-sheet-cli-files-');
    const sheet = writeFile(
      files,
      'log.csv',
      csvBytes(
        HEADERS.en,
        legacyRows({ lang: 'en', rows: 3, dates: 'us' }).map((r) => r.cells),
      ),
    );
    const notJson = writeFile(files, 'm.json', Buffer.from('{ not json'));
    const r1 = await cli(['--data-dir', data, 'import-sheet', sheet, '--mapping', notJson]);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain('is not an import configuration (not JSON)');
    const wrong = writeFile(files, 'w.json', Buffer.from(JSON.stringify({ source: 'x', target: 'cars' })));
    const r2 = await cli(['--data-dir', data, 'import-sheet', sheet, '--mapping', wrong]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('is not a valid import configuration');
    const utf16 = writeFile(files, 'u.csv', Buffer.from('Date,Subject\r\n1-2-2019,x\r\n', 'utf16le'));
    const mapping = writeFile(files, 'ok.json', Buffer.from(JSON.stringify({ source: 'x', target: 'request' })));
    const r3 = await cli(['--data-dir', data, 'import-sheet', utf16, '--mapping', mapping]);
    expect(r3.code).toBe(1);
    expect(r3.err).toContain('is not text in a known encoding');
    const stats = await cli(['--data-dir', data, 'stats', '--json']);
    expect(JSON.parse(stats.out)).toMatchObject({ informationRequests: 0 });
  });
});
