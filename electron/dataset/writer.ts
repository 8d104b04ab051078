import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TableDef } from '../../shared/dataset/columns';
import type { WrittenTable } from '../../shared/dataset/package';
import { headerLine, rowLine, type Cell } from './csv';

// One CSV file of the dataset, written as its rows come, so that no table is ever held whole in memory.
//
// A table in the order the rows come (links, reference lists, aggregates) goes straight to its file, in slices.
// A table sorted by its lines (the record tables: by their pseudonymous id, which comes first and has a fixed
// length; post budgets by post and year) keeps up to `runRows` lines in memory; more are sorted and set aside in
// a run file beside it, and at the end the runs are merged into the file: an external merge sort. The file is
// the same as sorting all lines in memory would give. Everything is inside the export's temporary folder, which
// is removed on a cancel or a failure.

export type Obj = Record<string, Cell>;

const FILE_MODE = 0o600;
/** Lines written to the file (or a run) at a time. */
const SLICE = 5000;
/** Lines a sorted table keeps in memory before it sets a sorted run aside. */
export const RUN_ROWS = 5_000;
/** Bytes read from a run at a time while merging. */
const READ_CHUNK = 1 << 20;

export interface TableWriter {
  add(row: Obj): void;
  /** Writes what is left (merging the runs of a sorted table), syncs and closes the file. */
  finish(): WrittenTable;
  /** Closes the file without finishing it (the export failed or was cancelled; its folder is removed). */
  close(): void;
}

export function createTableWriter(
  dir: string,
  table: TableDef,
  options: { sorted: boolean; runRows?: number },
): TableWriter {
  const names = new Set(table.columns.map((c) => c.name));
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  const file = path.join(dir, `${table.name}.csv`);
  const fd = fs.openSync(file, 'wx', FILE_MODE);
  let open = true;
  const closeFile = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  let slice = headerLine(table);
  let sliceLines = 0;
  const flush = () => {
    const chunk = Buffer.from(slice, 'utf8');
    hash.update(chunk);
    bytes += chunk.length;
    fs.writeSync(fd, chunk);
    slice = '';
    sliceLines = 0;
  };
  const write = (line: string) => {
    slice += line;
    if (++sliceLines >= SLICE) flush();
  };
  const lineOf = (row: Obj): string => {
    for (const key of Object.keys(row)) {
      if (!names.has(key)) throw new Error(`${table.name}: a row has a column "${key}" the table does not define.`);
    }
    return rowLine(
      table,
      table.columns.map((c) => row[c.name] ?? null),
    );
  };

  const runRows = Math.max(1, options.runRows ?? RUN_ROWS);
  let pending: string[] = [];
  const runs: string[] = [];
  const setRunAside = () => {
    pending.sort(byLine);
    const run = path.join(dir, `.${table.name}.run${runs.length}`);
    const runFd = fs.openSync(run, 'wx', FILE_MODE);
    try {
      // One JSON string per line: a CSV line could hold a line break inside quotes, a JSON string cannot.
      for (let i = 0; i < pending.length; i += SLICE) {
        fs.writeSync(
          runFd,
          pending
            .slice(i, i + SLICE)
            .map((l) => `${asciiJson(l)}\n`)
            .join(''),
        );
      }
    } finally {
      fs.closeSync(runFd);
    }
    runs.push(run);
    pending = [];
  };

  return {
    add(row) {
      const line = lineOf(row);
      rows += 1;
      if (!options.sorted) {
        write(line);
        return;
      }
      pending.push(line);
      if (pending.length >= runRows) setRunAside();
    },
    finish() {
      try {
        if (options.sorted) {
          if (runs.length === 0) {
            pending.sort(byLine);
            for (const line of pending) write(line);
            pending = [];
          } else {
            if (pending.length > 0) setRunAside();
            merge(runs, write);
          }
        }
        flush();
        fs.fsyncSync(fd);
      } finally {
        closeFile();
        for (const run of runs) fs.rmSync(run, { force: true });
      }
      return { table, rows, bytes, sha256: hash.digest('hex') };
    },
    close: closeFile,
  };
}

/** The order of the lines of a sorted table (that of the ids before the export streamed: code units). */
function byLine(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JSON string with every character outside ASCII escaped: one line of pure ASCII. */
function asciiJson(line: string): string {
  return JSON.stringify(line).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Reads a run's lines one at a time, a chunk of the file in memory. */
function runReader(file: string): { head: string | undefined; next(): void; close(): void } {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(READ_CHUNK);
  let text = '';
  let at = 0;
  let ended = false;
  const reader = {
    head: undefined as string | undefined,
    next() {
      for (;;) {
        const nl = text.indexOf('\n', at);
        if (nl >= 0) {
          reader.head = JSON.parse(text.slice(at, nl)) as string;
          at = nl + 1;
          return;
        }
        if (ended) {
          reader.head = undefined;
          return;
        }
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) ended = true;
        // Run files are ASCII (asciiJson): a chunk never ends inside a character.
        text = text.slice(at) + buffer.toString('latin1', 0, n);
        at = 0;
      }
    },
    close() {
      fs.closeSync(fd);
    },
  };
  reader.next();
  return reader;
}

/** Merges sorted runs into `write`, the smallest head first (a run earlier in the list first among equals). */
function merge(runs: readonly string[], write: (line: string) => void): void {
  const readers = runs.map(runReader);
  try {
    for (;;) {
      let best: (typeof readers)[number] | undefined;
      for (const r of readers) {
        if (r.head !== undefined && (best === undefined || (best.head as string) > r.head)) best = r;
      }
      if (!best) return;
      write(best.head as string);
      best.next();
    }
  } finally {
    for (const r of readers) r.close();
  }
}
