import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { KIND_SPECS } from '../records/kind-specs';
import { NotALiaisonLogDatabaseError } from './errors';
import { applyKey, fsyncDir, fsyncFile, openKeyedFile, ownerOnlyFile } from './file-access';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { APPLICATION_ID } from './open';
import { describeStorageError, storageProblemOf, type StorageError } from './storage-errors';

// Integrity at start, and the way out when the database is damaged: restore a backup, or copy whatever is
// still readable into a fresh database. Nothing here ever deletes or rewrites the damaged file.

export type IntegrityReport = { readonly ok: true } | { readonly ok: false; readonly details: readonly string[] };

/** The two ways out of a damaged database, in the order the officer should try them. */
export const RECOVERY_PATHS = ['restore_backup', 'salvage'] as const;

/** The database cannot be trusted. The file stays exactly where it is; the message says what to do. */
export class DamagedDatabaseError extends Error {
  readonly recovery = RECOVERY_PATHS;
  constructor(
    readonly file: string,
    readonly details: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `The database ${file} is damaged (${summarise(details)}). Nothing was deleted or changed. ` +
        `To recover: (1) restore a backup (Backups in the app, or "liaison-log restore --from FILE"); the damaged ` +
        `file is kept next to the restored one. Or (2) export what is still readable into a new database ` +
        `("liaison-log salvage --out FILE"), then restore from that file.`,
      options,
    );
    this.name = 'DamagedDatabaseError';
  }
}

function summarise(details: readonly string[]): string {
  const first = (details[0] ?? 'unknown damage').split('\n').find((line) => line && !line.startsWith('***'));
  const more = details.length > 1 ? `, and ${details.length - 1} more problem(s)` : '';
  return `${(first ?? 'unknown damage').slice(0, 200)}${more}`;
}

/**
 * PRAGMA quick_check: every page readable, every record well-formed (no index-versus-table cross check,
 * which integrity_check adds). Seconds on a large database at most; meant for every start.
 */
export function quickCheck(db: Database, schema?: string): IntegrityReport {
  return runCheck(db, 'quick_check', schema);
}

/**
 * PRAGMA integrity_check: quick_check plus the cross check of every index against its table. `schema`
 * names an attached database (default: the main one).
 */
export function integrityCheck(db: Database, schema?: string): IntegrityReport {
  return runCheck(db, 'integrity_check', schema);
}

function runCheck(db: Database, pragma: 'quick_check' | 'integrity_check', schema?: string): IntegrityReport {
  try {
    const rows = db.pragma(schema ? `${schema}.${pragma}` : pragma) as Record<string, string>[];
    const lines = rows.map((row) => String(Object.values(row)[0]));
    return lines.length === 1 && lines[0] === 'ok' ? { ok: true } : { ok: false, details: lines };
  } catch (error) {
    // A page that cannot be decrypted or parsed can stop the check itself.
    return { ok: false, details: [describe(error)] };
  }
}

// --- checking table by table (the maintenance worker, electron/maintenance/) ---------------------------------
//
// PRAGMA quick_check(T) and integrity_check(T) check one table and its indexes: the check can say how far it has
// come ("12 of 40") and stop between tables. Every b-tree of the file is some table's, the schema table's
// included, so the tables together read and check every page that holds data, and the schema table's check also
// walks the freelist. What only a check of the whole file does is the page accounting: no page left out of every
// tree, none claimed by two trees. A full check ends with that (see CHECK_WHOLE_FILE).

/** The schema table: checked first, with the freelist (SQLite checks the freelist when page 1's tree is among those checked). */
export const SCHEMA_TABLE = 'sqlite_schema';

/** The last step of a full check: the whole file at once, for the page accounting that table-by-table checks leave out. */
export const CHECK_WHOLE_FILE = '*';

/**
 * The tables to check one by one, the schema table first: every table with a b-tree of its own (a virtual
 * table has none; its shadow tables are ordinary tables and are listed).
 */
export function checkTargets(db: Database, schema = 'main'): string[] {
  const tables = db
    .prepare<[], string>(
      `SELECT name FROM ${quoteName(schema)}.sqlite_schema WHERE type = 'table'
       AND (sql IS NULL OR sql NOT LIKE 'CREATE VIRTUAL TABLE%') ORDER BY rootpage`,
    )
    .pluck()
    .all();
  return [SCHEMA_TABLE, ...tables];
}

/** A check that could not run now (the database was busy, memory ran short): not a finding about the data. */
export class CheckNotRunError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The check could not run now: ${reason}`, options);
    this.name = 'CheckNotRunError';
  }
}

const NOT_NOW_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_NOMEM', 'SQLITE_INTERRUPT'];

/**
 * One step of a check by tables: `table` (with its indexes), or CHECK_WHOLE_FILE for the whole file. A page that
 * cannot be read or decrypted is a finding, like the pragma's own lines; a busy database or a shortage of memory
 * is not (CheckNotRunError is thrown instead: the data was not looked at).
 */
export function checkStep(
  db: Database,
  pragma: 'quick_check' | 'integrity_check',
  table: string,
  schema = 'main',
): IntegrityReport {
  const target = table === CHECK_WHOLE_FILE ? '' : `(${quoteName(table)})`;
  try {
    const rows = db.pragma(`${quoteName(schema)}.${pragma}${target}`) as Record<string, string>[];
    const lines = rows.map((row) => String(Object.values(row)[0]));
    return lines.length === 1 && lines[0] === 'ok' ? { ok: true } : { ok: false, details: lines };
  } catch (error) {
    return findingOf(error);
  }
}

/**
 * An error met while checking, as a finding: a page that cannot be read or decrypted stops a check, and is what
 * it found. A busy database or a shortage of memory says nothing about the data: CheckNotRunError is thrown.
 */
export function findingOf(error: unknown): IntegrityReport {
  const code = sqliteCode(error);
  if (code && NOT_NOW_CODES.some((c) => code.startsWith(c))) {
    throw new CheckNotRunError(describe(error), { cause: error });
  }
  return { ok: false, details: [describe(error)] };
}

/** Throws DamagedDatabaseError unless the open database passes quick_check. */
export function assertHealthy(db: Database, file: string): void {
  const report = quickCheck(db);
  if (!report.ok) throw new DamagedDatabaseError(file, report.details);
}

const DAMAGE_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];

/**
 * What an error from opening the database means for the officer: a storage problem (read-only folder,
 * full disk), damage, or neither (undefined: show the error as it is). Call it with the key the session
 * unwrapped (unwrapping authenticates the key): a file that then cannot be decrypted is damaged, or is
 * another installation's database put in its place, never a wrong passphrase.
 */
export function classifyOpenError(
  error: unknown,
  file: string,
): { kind: 'damaged'; error: DamagedDatabaseError } | { kind: 'storage'; error: StorageError } | undefined {
  const storage = describeStorageError(error, 'the database', path.dirname(file));
  if (storage) return { kind: 'storage', error: storage };
  const cause = error instanceof NotALiaisonLogDatabaseError ? error.cause : error;
  const code = sqliteCode(cause);
  // openDatabase wraps a file it cannot read at all; with a key the session has verified, that is damage.
  if (code && DAMAGE_CODES.some((c) => code.startsWith(c))) {
    const detail = code.startsWith('SQLITE_NOTADB')
      ? `${describe(cause)}: the file cannot be decrypted with this installation's key, so its first page is ` +
        `damaged or the file was replaced by another installation's database`
      : describe(cause);
    return { kind: 'damaged', error: new DamagedDatabaseError(file, [detail], { cause: error }) };
  }
  return undefined;
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): string {
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

// --- salvage --------------------------------------------------------------------------------------------

export interface SalvageOptions {
  /** The damaged database (its -wal, if any, is read too). It is copied first and never written. */
  readonly file: string;
  readonly key?: Buffer | undefined;
  /** The new database; must not exist yet. It is encrypted with the same key. */
  readonly outFile: string;
  readonly nativeBinding?: string | undefined;
}

export interface TableSalvage {
  readonly table: string;
  readonly copied: number;
  /** Rows known to be lost: the table's count (when it can still be counted) minus the rows copied. */
  readonly lost: number | null;
  /** True when every row the table holds was copied. */
  readonly complete: boolean;
  readonly errors: readonly string[];
}

export interface SalvageReport {
  readonly outFile: string;
  readonly schemaVersion: number;
  readonly tables: readonly TableSalvage[];
  readonly copied: number;
  /** Rows known to be lost; `lostUnknown` lists tables where the loss could not even be counted. */
  readonly lost: number;
  readonly lostUnknown: readonly string[];
  readonly complete: boolean;
  /** The search index and the links and phenomena tables are rebuilt from the records themselves. */
  readonly rebuiltDerivedTables: boolean;
}

/** The salvage could not produce a database (for example the schema itself is unreadable). */
export class SalvageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SalvageError';
  }
}

interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Tables whose content is derived from `record` and rebuilt after the copy rather than copied. */
const REBUILT_TABLES = new Set(['record_search', 'record_link', 'record_phenomenon']);

/**
 * Copies every row that can still be read from a damaged database, table by table, into a fresh database
 * encrypted with the same key (written to a temporary file, checked, then renamed to `outFile`). A damaged
 * stretch of a table is skipped and the copy carries on after it; what could not be copied is counted.
 * The result has the same schema, version and application id, so it can be restored like a backup.
 */
export function salvageReadable(options: SalvageOptions): SalvageReport {
  const outFile = path.resolve(options.outFile);
  if (fs.existsSync(outFile)) throw new SalvageError(`${outFile} already exists. Choose a new file name.`);
  if (!fs.existsSync(options.file)) throw new SalvageError(`There is no database at ${options.file}.`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(outFile), '.liaison-log-salvage-'));
  try {
    // A copy: opening the damaged file itself could check its WAL into it.
    const source = path.join(work, 'damaged.db');
    fs.copyFileSync(options.file, source);
    if (fs.existsSync(`${options.file}-wal`)) fs.copyFileSync(`${options.file}-wal`, `${source}-wal`);
    const reader = new DamagedReader(source, options);
    try {
      const temp = path.join(work, 'salvaged.db');
      const report = copyReadable(reader, temp, options);
      ownerOnlyFile(temp);
      fsyncFile(temp);
      fs.renameSync(temp, outFile);
      fsyncDir(path.dirname(outFile));
      return { ...report, outFile };
    } finally {
      reader.close();
    }
  } catch (error) {
    throw describeStorageError(error, 'the salvaged database', path.dirname(outFile)) ?? error;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A connection to the damaged copy that can be reopened: after SQLite3MultipleCiphers meets a page that
 * fails its authentication check it refuses every later read on that connection, so each failure is
 * followed by a fresh connection.
 */
class DamagedReader {
  private conn: Database | undefined;
  constructor(
    private readonly file: string,
    private readonly options: SalvageOptions,
  ) {}

  get db(): Database {
    this.conn ??= openKeyedFile(this.file, { key: this.options.key, nativeBinding: this.options.nativeBinding });
    return this.conn;
  }

  reopen(): void {
    this.close();
  }

  /** Runs `read`, and on failure reopens and returns `failed`. */
  attempt<T, F>(read: (db: Database) => T, failed: F): T | F {
    try {
      return read(this.db);
    } catch {
      this.reopen();
      return failed;
    }
  }

  close(): void {
    try {
      this.conn?.close();
    } catch {
      /* a connection in an error state may refuse to close cleanly; nothing is written through it */
    }
    this.conn = undefined;
  }
}

function copyReadable(reader: DamagedReader, temp: string, options: SalvageOptions): Omit<SalvageReport, 'outFile'> {
  const schema = reader.attempt(
    (db) => db.prepare<[], SchemaEntry>('SELECT type, name, tbl_name, sql FROM sqlite_schema').all(),
    undefined,
  );
  if (!schema) {
    throw new SalvageError(
      'Nothing can be read from this database: its first page (the list of tables) is damaged, or the key does ' +
        'not match. Restore a backup instead.',
    );
  }
  const version = reader.attempt((db) => db.pragma('user_version', { simple: true }) as number, 0);

  const out = new Sqlite(temp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyKey(out, options.key);
    // Orphans (a row whose parent was lost) are kept rather than refused: data is never dropped silently.
    out.pragma('foreign_keys = OFF');
    const virtualTables = schema.filter((e) => e.type === 'table' && e.sql?.startsWith('CREATE VIRTUAL TABLE'));
    const isShadow = (name: string) => virtualTables.some((v) => name.startsWith(`${v.name}_`));
    const tables = schema.filter(
      (e) => e.type === 'table' && e.sql && !e.name.startsWith('sqlite_') && !isShadow(e.name),
    );
    for (const t of tables) out.exec(t.sql as string);

    const rebuild = version === LATEST_SCHEMA_VERSION && tables.some((t) => t.name === 'record');
    const results: TableSalvage[] = [];
    for (const t of tables) {
      if (t.sql?.startsWith('CREATE VIRTUAL TABLE')) continue;
      if (rebuild && REBUILT_TABLES.has(t.name)) continue;
      results.push(copyTable(reader, out, t.name));
    }
    if (rebuild) rebuildDerivedTables(out);
    // Indexes, triggers and views last: triggers must not fire for copied rows.
    for (const e of schema) {
      if (e.type !== 'table' && e.sql && !e.name.startsWith('sqlite_')) out.exec(e.sql);
    }
    out.pragma(`user_version = ${version}`);
    out.pragma(`application_id = ${APPLICATION_ID}`);
    const check = integrityCheck(out);
    if (!check.ok) throw new SalvageError(`The salvaged database failed its own check: ${check.details.join('; ')}`);
    const copied = results.reduce((n, r) => n + r.copied, 0);
    const lost = results.reduce((n, r) => n + (r.lost ?? 0), 0);
    const lostUnknown = results.filter((r) => r.lost === null).map((r) => r.table);
    return {
      schemaVersion: version,
      tables: results,
      copied,
      lost,
      lostUnknown,
      complete: results.every((r) => r.complete),
      rebuiltDerivedTables: rebuild,
    };
  } finally {
    out.close();
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface ColumnInfo {
  name: string;
  type: string;
  pk: number;
}

function copyTable(reader: DamagedReader, out: Database, table: string): TableSalvage {
  const q = quoteName(table);
  const columns = out.pragma(`table_info(${q})`) as ColumnInfo[];
  const list = columns.map((c) => quoteName(c.name)).join(', ');
  const withoutRowid = (out.pragma(`table_list(${q})`) as { name: string; wr: number }[]).some(
    (r) => r.name === table && r.wr === 1,
  );
  const insert = out.prepare(`INSERT INTO ${q} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const errors: string[] = [];
  let copied = 0;
  let refused = 0;
  const put = (values: unknown[]) => {
    try {
      insert.run(values);
      copied++;
    } catch (error) {
      // A full disk stops the salvage; a row the schema refuses (say, a duplicate) is counted and skipped.
      if (storageProblemOf(error)) throw error;
      refused++;
      if (errors.length < 20) errors.push(`a row was refused: ${describe(error)}`);
    }
  };

  let complete = true;
  if (withoutRowid) {
    // No rowid to resume from: copy up to the first damaged page.
    const failure = readInto(out, () => {
      const rows = reader.db.prepare(`SELECT ${list} FROM ${q}`).raw(true).safeIntegers(true);
      for (const values of rows.iterate()) put(values as unknown[]);
    });
    if (failure !== undefined) {
      complete = false;
      errors.push(describe(failure));
      reader.reopen();
    }
  } else {
    complete = copyByRowid(reader, out, q, list, put, errors);
  }

  const total = reader.attempt((db) => (db.prepare(`SELECT count(*) AS n FROM ${q}`).get() as { n: number }).n, null);
  const lost = total === null ? (complete ? refused : null) : Math.max(0, total - copied);
  return { table, copied, lost, complete: complete && lost === 0, errors };
}

/**
 * Copies a rowid table in rowid order. When a read fails, the rows after the damage are found by probing
 * ever further ahead (1, 2, 4... rowids), then narrowing back to the first rowid that can be read again.
 */
function copyByRowid(
  reader: DamagedReader,
  out: Database,
  q: string,
  list: string,
  put: (values: unknown[]) => void,
  errors: string[],
): boolean {
  const sql = `SELECT rowid, ${list} FROM ${q} WHERE rowid > ? ORDER BY rowid`;
  let after: bigint = -(2n ** 63n);
  let complete = true;
  for (;;) {
    const failure = readInto(out, () => {
      const rows = reader.db.prepare(sql).raw(true).safeIntegers(true);
      for (const row of rows.iterate(after)) {
        const [rowid, ...values] = row as [bigint, ...unknown[]];
        put(values);
        after = rowid;
      }
    });
    if (failure === undefined) return complete;
    complete = false;
    errors.push(describe(failure));
    reader.reopen();
    const next = nextReadableRowid(reader, q, list, after);
    if (next === null) return complete;
    after = next - 1n;
  }
}

/**
 * Runs a copy loop in one write transaction that commits the rows read before a read error (which is
 * returned, not thrown: a thrown error would roll the good rows back).
 */
function readInto(out: Database, copy: () => void): unknown {
  let failure: unknown;
  out.transaction(() => {
    try {
      copy();
    } catch (error) {
      if (storageProblemOf(error)) throw error;
      failure = error ?? new Error('unknown read error');
    }
  })();
  return failure;
}

function nextReadableRowid(reader: DamagedReader, q: string, list: string, after: bigint): bigint | null {
  const probe = (x: bigint): bigint | null | 'damaged' =>
    reader.attempt((db) => {
      const row = db
        .prepare(`SELECT rowid, ${list} FROM ${q} WHERE rowid > ? ORDER BY rowid LIMIT 1`)
        .raw(true)
        .safeIntegers(true)
        .get(x) as [bigint, ...unknown[]] | undefined;
      return row ? row[0] : null;
    }, 'damaged' as const);
  const max = reader.attempt(
    (db) =>
      (db.prepare(`SELECT max(rowid) FROM ${q}`).raw(true).safeIntegers(true).get() as [bigint | null])[0] ?? null,
    2n ** 62n,
  );
  if (max === null || after >= max) return null;
  // The first probe that gets past the damage, ever further ahead...
  let failed = after;
  let step = 1n;
  let hi: bigint;
  let found: bigint;
  for (;;) {
    const x = after + step > max ? max : after + step;
    const r = probe(x);
    if (r === null) return null;
    if (r !== 'damaged') {
      hi = x;
      found = r;
      break;
    }
    failed = x;
    if (x >= max) return null;
    step *= 2n;
  }
  // ...then back towards the damage, for rows between the last failure and that probe.
  let lo = failed;
  while (hi - lo > 1n) {
    const mid = lo + (hi - lo) / 2n;
    const r = probe(mid);
    if (r === 'damaged') lo = mid;
    else if (r === null) break;
    else {
      hi = mid;
      found = r;
    }
  }
  return found;
}

/** Rebuilds the search index, links and phenomena of every record from its stored fields. */
function rebuildDerivedTables(out: Database): void {
  const rows = out.prepare<[], { n: number; kind: string; title: string; data: string }>(
    'SELECT n, kind, title, data FROM record ORDER BY n',
  );
  const index = out.prepare('INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)');
  const link = out.prepare('INSERT OR IGNORE INTO record_link (from_n, role, to_id) VALUES (?, ?, ?)');
  const phenomenon = out.prepare('INSERT OR IGNORE INTO record_phenomenon (record_n, code) VALUES (?, ?)');
  out.transaction(() => {
    for (const row of rows.all()) {
      const spec = KIND_SPECS[row.kind as keyof typeof KIND_SPECS] as
        | {
            body(f: unknown): string;
            links(f: unknown): { role: string; toId: string }[];
            phenomena(f: unknown): string[];
          }
        | undefined;
      if (!spec) continue;
      let fields: unknown;
      try {
        fields = JSON.parse(row.data);
        index.run(row.n, row.title, spec.body(fields));
        for (const l of spec.links(fields)) link.run(row.n, l.role, l.toId);
        for (const code of spec.phenomena(fields)) phenomenon.run(row.n, code);
      } catch {
        // A record whose fields no longer parse is still copied; it is only missing from search.
      }
    }
  })();
}
