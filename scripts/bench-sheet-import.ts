// `npm run bench:sheet-import` (or `npx tsx scripts/bench-sheet-import.ts`): the spreadsheet import (issue 14,
// item 5) of a legacy log of BENCH_SHEET_ROWS rows (default 100,000), as rows per second against exceljs's bare
// read of the same file (load the workbook, read every row's values), as a ratio; and the same for CSV against
// papaparse's bare parse of the same text. The import is the app's: the file opened through sheetImport.open
// (size, zip and encoding checks, parse), the first preview page (every row mapped, validated with the record
// schemas and fingerprinted), and sheetImport.run (one transaction through the record store's bulk path, into a
// fresh encrypted data folder), each phase timed. docs/sheet-import.md, "Speed", has the figures measured here.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createBackend } from '../electron/backend/create-backend';
import { callWithFiles } from '../electron/files/trusted';
import { HEADERS, csvBytes, legacyRows } from '../tests/fixtures/sheets/legacy';
import { figure, printSummary } from './bench/report';

const ROWS = Number(process.env['BENCH_SHEET_ROWS'] ?? 100_000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-bench-sheet-'));
const fmt = (n: number) => new Intl.NumberFormat('en').format(Math.round(n));
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const out = await run();
  return [out, performance.now() - start];
}

/** An XLSX of the rows, written with exceljs's streaming writer (fast, and what Excel would produce). */
async function writeXlsx(file: string, rows: readonly (readonly (string | Date | number)[])[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Logboek');
  sheet.addRow([...HEADERS.nl]).commit();
  for (const row of rows) sheet.addRow([...row]).commit();
  sheet.commit();
  await workbook.commit();
}

async function bareExcel(file: string): Promise<number> {
  const [, ms] = await timed(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    let n = 0;
    for (const row of workbook.worksheets[0]?.getSheetValues() ?? []) if (row) n += 1;
    return n;
  });
  return ms;
}

function bareCsv(file: string): number {
  const start = performance.now();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t', '|'] });
  return performance.now() - start;
}

async function appImport(file: string): Promise<{ open: number; preview: number; run: number; imported: number }> {
  const dataDir = fs.mkdtempSync(path.join(work, 'data-'));
  const backend = createBackend({ dataDir, key: randomBytes(32), checkOutputs: false, log: () => undefined });
  try {
    const [opened, open] = await timed(() => callWithFiles(backend.invoke, 'sheetImport.open', {}, { open: [file] }));
    if (!opened.ok) throw new Error(opened.error.message);
    const { token, mapping } = opened.value;
    const [shown, preview] = await timed(() => backend.call('sheetImport.preview', { token, mapping, limit: 100 }));
    if (!shown.ok) throw new Error(shown.error.message);
    const [report, run] = await timed(() => backend.call('sheetImport.run', { token, mapping }));
    if (!report.ok) throw new Error(report.error.message);
    return { open, preview, run, imported: report.value.counts.imported };
  } finally {
    backend.close();
  }
}

try {
  console.log(`Spreadsheet import bench: ${fmt(ROWS)} rows; ${os.cpus().length} cores; node ${process.version}`);
  const rows = legacyRows({ lang: 'nl', rows: ROWS, dates: 'excel' }).map((r) => r.cells);
  const xlsx = path.join(work, 'logboek.xlsx');
  await writeXlsx(xlsx, rows);
  const csv = path.join(work, 'logboek.csv');
  fs.writeFileSync(
    csv,
    csvBytes(
      HEADERS.nl,
      legacyRows({ lang: 'nl', rows: ROWS, dates: 'nl' }).map((r) => r.cells),
      { delimiter: ';' },
    ),
  );
  for (const [label, file, bare] of [
    ['XLSX', xlsx, () => bareExcel(xlsx)],
    ['CSV', csv, () => Promise.resolve(bareCsv(csv))],
  ] as const) {
    const size = fs.statSync(file).size;
    // CPU time too (this process's: the backend is in-process): the wall clock of a shared machine follows its load.
    let cpu = process.cpuUsage();
    const bareMs = await bare();
    const bareCpu = cpuMs(cpu);
    cpu = process.cpuUsage();
    const app = await appImport(file);
    const appCpu = cpuMs(cpu);
    const total = app.open + app.preview + app.run;
    const bareRate = ROWS / (bareMs / 1000);
    const appRate = app.imported / (total / 1000);
    console.log(`\n${label}: ${file} (${(size / 1024 / 1024).toFixed(1)} MB)`);
    console.log(
      `  bare read (${label === 'XLSX' ? 'exceljs load + every row' : 'papaparse'}): ${secs(bareMs)}, ${fmt(bareRate)} rows/s`,
    );
    console.log(
      `  app import: ${secs(total)} = open ${secs(app.open)} + preview ${secs(app.preview)} + run ${secs(app.run)}; ` +
        `${fmt(app.imported)} records, ${fmt(appRate)} rows/s`,
    );
    console.log(
      `  ratio app / bare read: ${(appRate / bareRate).toFixed(3)} (the app takes ${(total / bareMs).toFixed(1)}x as long)`,
    );
    console.log(`  open alone (checks + parse) / bare read: ${(app.open / bareMs).toFixed(2)}x`);
    figure({
      what: `sheet import ${label}, ${fmt(ROWS)} rows`,
      app: `${fmt(appRate)} rows/s`,
      versus: `${label === 'XLSX' ? 'exceljs' : 'papaparse'} bare read ${fmt(bareRate)} rows/s`,
      ratio: bareRate / appRate,
    });
    figure({
      what: `sheet import ${label}, the write (sheetImport.run) alone`,
      app: `${fmt(app.imported / (app.run / 1000))} rows/s`,
      versus: `bare read ${fmt(bareRate)} rows/s`,
      ratio: app.run / bareMs,
    });
    figure({
      what: `sheet import ${label}, CPU time (with the data folder's setup)`,
      app: secs(appCpu),
      versus: `bare read ${secs(bareCpu)}`,
      ratio: appCpu / bareCpu,
    });
  }
  // Alone (npm run bench:sheet-import) the summary here; in `npm run bench` the bench prints it.
  if (!process.env['BENCH_FIGURES_FILE']) printSummary();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
