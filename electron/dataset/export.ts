import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { messageRef, type MessageRef } from '../../shared/contract/messages';
import type { Progress } from '../../shared/contract/progress';
import { codebook, packageDescriptor, type DatasetMeta, type WrittenTable } from '../../shared/dataset/package';
import { DATASET_PACKAGE_NAME, DatasetOptions, type DatasetOutcome } from '../../shared/dataset/schema';
import {
  AGG_EFFORT_POST_YEAR,
  AGG_PHENOMENON_MONTH,
  AGG_POST_MONTH,
  AGG_POST_PHENOMENON_MONTH,
  MEASURES,
  SORTED_TABLES,
  tablesFor,
} from '../../shared/dataset/tables';
import { CancelledError } from '../backend/dispatch';
import { describeWriteError } from '../exchange/atomic-write';
import { effortCounter, effortVisibility, factCounter, type AggRow, type Counts } from './aggregate';
import { collect } from './collect';
import { SUPPRESSED_CELL, type Cell } from './csv';
import { datasetKey, pseudonymizer } from './key';
import { createTableWriter, type Obj, type TableWriter } from './writer';

// The evaluation dataset of a period, written to a folder: one CSV per table, datapackage.json, and the codebook
// in English and Dutch. Everything is written to a temporary folder beside the target and renamed into place at
// the end, so the target holds a whole dataset or nothing new; a cancel or a failure removes the temporary folder.
// Rows are written as they are read (collect.ts, writer.ts): memory does not grow with the period.
// The target must not exist, or be empty, or (when asked to replace) hold an earlier dataset of this app.

/** A refusal the officer can act on (another folder, or replace): said by code, nothing was written. */
export class DatasetError extends Error {
  constructor(
    readonly ref: MessageRef,
    readonly family: 'conflict' | 'invalid_input',
  ) {
    super(ref.code);
    this.name = 'DatasetError';
  }
}

export interface DatasetDeps {
  readonly db: Database;
  readonly settings: () => { timeZone: string; homeCountry: string };
  readonly now: () => Date;
  readonly appVersion: string;
  /** Lines a sorted table keeps in memory before it sets a sorted run aside (tests make it small). */
  readonly runRows?: number;
}

export interface DatasetRun {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

const FILE_MODE = 0o600;

/** Reads, counts and writes the dataset of `input` into `target` (a folder). */
export async function exportDataset(
  deps: DatasetDeps,
  input: DatasetOptions,
  target: string,
  run: DatasetRun = {},
): Promise<DatasetOutcome> {
  const options = DatasetOptions.parse(input);
  const folder = path.resolve(target);
  const existing = checkTarget(folder, options.replace);
  const settings = deps.settings();
  const cancelled = () => {
    if (run.signal?.aborted) throw new CancelledError();
  };
  const progress = (p: Progress) => run.onProgress?.(p);
  const pseudonym = pseudonymizer(datasetKey(deps.db));

  const tables = tablesFor(options.aggregatesOnly);
  const temp = path.join(path.dirname(folder), `.${path.basename(folder)}.${randomUUID()}.tmp`);
  const writers = new Map<string, TableWriter>();
  try {
    fs.mkdirSync(path.dirname(folder), { recursive: true });
    fs.mkdirSync(temp, { mode: 0o700 });
    const wanted = new Map(tables.map((t) => [t.name, t]));
    const writerOf = (name: string): TableWriter | undefined => {
      let writer = writers.get(name);
      if (!writer) {
        const table = wanted.get(name);
        if (!table) return undefined; // a table this package leaves out (aggregates only)
        writer = createTableWriter(temp, table, {
          sorted: SORTED_TABLES.has(name),
          ...(deps.runRows !== undefined ? { runRows: deps.runRows } : {}),
        });
        writers.set(name, writer);
      }
      return writer;
    };
    const emit = (name: string, row: Obj) => writerOf(name)?.add(row);

    let read = 0;
    progress({ done: 0, total: null, phase: 'read' });
    const counter = factCounter();
    const effort = effortCounter();
    await collect(deps.db, {
      from: options.from,
      to: options.to,
      timeZone: settings.timeZone,
      homeCountry: settings.homeCountry,
      pseudonym,
      emit,
      count: (fact) => counter.add(fact),
      effort: (fact) => effort.add(fact),
      pause: async (done) => {
        read += done;
        progress({ done: read, total: null, phase: 'read' });
        await new Promise((resolve) => setImmediate(resolve));
        cancelled();
      },
    });

    progress({ done: 0, total: null, phase: 'aggregate' });
    const aggregates = counter.finish(options.threshold);
    for (const row of aggregates.postPhenomenonMonth) emit(AGG_POST_PHENOMENON_MONTH.name, aggregateRow(row));
    for (const row of aggregates.phenomenonMonth) emit(AGG_PHENOMENON_MONTH.name, aggregateRow(row));
    for (const row of aggregates.postMonth) emit(AGG_POST_MONTH.name, aggregateRow(row));
    // Time and travel per post and year: a figure over fewer records than the threshold is "c" (aggregate.ts).
    let effortHidden = 0;
    for (const c of effort.cells()) {
      const shown = effortVisibility(c, options.threshold);
      const cell = (visible: boolean, value: number): Cell => {
        if (visible) return value;
        effortHidden += 1;
        return SUPPRESSED_CELL;
      };
      emit(AGG_EFFORT_POST_YEAR.name, {
        post_id: c.post,
        year: c.year,
        records: cell(shown.records, c.records),
        timed: cell(shown.time, c.timed),
        hours: cell(shown.time, Math.round((c.minutes / 60) * 10_000) / 10_000),
        with_travel: cell(shown.travel, c.withTravel),
        travel_days: cell(shown.travel, c.halfDays / 2),
        travel_cost_eur: cell(shown.travel, c.cents / 100),
      });
    }
    const suppressed = { ...aggregates.suppressed, primary: aggregates.suppressed.primary + effortHidden };
    await new Promise((resolve) => setImmediate(resolve));
    cancelled();

    const written: WrittenTable[] = [];
    const total = tables.length + 3;
    for (const [i, table] of tables.entries()) {
      progress({ done: i, total, phase: 'write' });
      const writer = writerOf(table.name) as TableWriter;
      writers.delete(table.name);
      written.push(writer.finish());
      await new Promise((resolve) => setImmediate(resolve));
      cancelled();
    }
    const meta: DatasetMeta = {
      from: options.from,
      to: options.to,
      timeZone: settings.timeZone,
      threshold: options.threshold,
      aggregatesOnly: options.aggregatesOnly,
      role: roleOf(deps.db),
      createdAt: deps.now().toISOString(),
      appVersion: deps.appVersion,
      suppressed,
    };
    writeText(temp, 'datapackage.json', `${JSON.stringify(packageDescriptor(meta, written), null, 2)}\n`);
    writeText(temp, 'codebook.en.md', codebook('en', meta, written));
    writeText(temp, 'codebook.nl.md', codebook('nl', meta, written));
    progress({ done: total, total, phase: 'write' });
    cancelled();
    place(temp, folder, existing);
    const files = fs.readdirSync(folder).sort();
    return {
      folder,
      files,
      tables: written.map((w) => ({ name: w.table.name, rows: w.rows })),
      suppressed,
      bytes: files.reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0),
    };
  } catch (error) {
    for (const writer of writers.values()) writer.close();
    fs.rmSync(temp, { recursive: true, force: true });
    if (error instanceof CancelledError || error instanceof DatasetError) throw error;
    throw describeWriteError(error, folder);
  }
}

type Existing = 'none' | 'empty' | 'dataset';

/** What is at the target now; refuses a file, a folder with other things in it, or a dataset not to replace. */
function checkTarget(folder: string, replace: boolean): Existing {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return 'none';
    throw describeWriteError(error, folder);
  }
  if (!stat.isDirectory()) throw new DatasetError(messageRef('dataset.target_not_folder', { folder }), 'conflict');
  const entries = fs.readdirSync(folder);
  if (entries.length === 0) return 'empty';
  if (!isDataset(folder, entries)) {
    throw new DatasetError(messageRef('dataset.target_not_empty', { folder }), 'conflict');
  }
  if (!replace) throw new DatasetError(messageRef('dataset.target_has_dataset', { folder }), 'conflict');
  return 'dataset';
}

/** A folder this app wrote: its datapackage.json names our package, and it holds nothing but CSV and ours. */
function isDataset(folder: string, entries: readonly string[]): boolean {
  try {
    const descriptor = JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8')) as {
      name?: unknown;
    };
    if (descriptor.name !== DATASET_PACKAGE_NAME) return false;
  } catch {
    return false;
  }
  return entries.every((e) => /^[a-z0-9_]+\.csv$/.test(e) || /^(datapackage\.json|codebook\.(en|nl)\.md)$/.test(e));
}

/** Moves the finished temporary folder into place (replacing an earlier dataset only after the new one is whole). */
function place(temp: string, folder: string, existing: Existing): void {
  if (existing === 'empty') fs.rmdirSync(folder);
  if (existing === 'dataset') {
    const old = path.join(path.dirname(folder), `.${path.basename(folder)}.${randomUUID()}.old`);
    fs.renameSync(folder, old);
    try {
      fs.renameSync(temp, folder);
    } catch (error) {
      fs.renameSync(old, folder);
      throw error;
    }
    fs.rmSync(old, { recursive: true, force: true });
  } else {
    fs.renameSync(temp, folder);
  }
  try {
    const fd = fs.openSync(path.dirname(folder), 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    /* not every platform can open a folder: best effort */
  }
}

function writeText(dir: string, name: string, text: string): void {
  const fd = fs.openSync(path.join(dir, name), 'wx', FILE_MODE);
  try {
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function aggregateRow<K extends string>(r: AggRow<K>): Obj {
  const out: Record<string, Cell> = {};
  for (const [k, v] of Object.entries<string>(r.key)) out[k === 'post' ? 'post_id' : k] = v;
  for (const [m] of MEASURES) out[m] = cellOf(r.counts, m);
  return out;
}

function cellOf(counts: Counts, m: keyof Counts): Cell {
  const c = counts[m];
  return c.state === 'shown' ? c.value : SUPPRESSED_CELL;
}

function roleOf(db: Database): string {
  const row = db.prepare('SELECT role FROM installation WHERE singleton = 1').get() as
    { role: string | null } | undefined;
  return row?.role ?? 'post';
}
