import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend } from '../../electron/backend/create-backend';
import { generateDemo } from '../../electron/demo/generate';
import type { RecordKind } from '../../shared/records/kinds';
import { config, UNTIL } from './config';
import { filledHq } from './hq';
import { createRawPipeline, openRawDatabase, rawRow, type RawRow } from './raw-pipeline';
import { figure, fmtInt, fmtMs, fmtRate, heading, now } from './report';

// Part (b): one batch of BENCH_BATCH records written in one transaction, both ways records arrive in bulk:
//   HQ:   a post's single bundle of that many records, imported into an empty HQ (imports.run in the backend
//         process: one transaction) against the raw pipeline on the same file;
//   post: that many demo records created through the post's record store in one transaction (generateDemo:
//         the contract's schemas, reference checks, links, phenomena, search index, audit trail) against
//         plain prepared INSERTs of the same rows into a table with the same indexes and FTS table.

export async function benchBatch(work: string): Promise<void> {
  heading(`(b) A batch of ${fmtInt(config.batch)} records in one transaction: the app's path vs plain INSERTs`);
  const hq = await filledHq(work, `one bundle of ${fmtInt(config.batch)}`, { records: config.batch, posts: 1 }, true);
  const { app, raw } = hq;
  if (app && raw) {
    const records = hq.prepared.bundles.reduce((n, b) => n + b.records, 0);
    figure({
      what: `HQ: one bundle of ${fmtInt(records)} into an empty HQ`,
      app: `${fmtMs(app.totalMs)}, ${fmtRate(records / (app.totalMs / 1000))}`,
      versus: `raw pipeline ${fmtRate(records / (raw.totalMs / 1000))}`,
      ratio: app.totalMs / raw.totalMs,
      goal: '<= 1.5x',
    });
  }
  await postBatch(work);
}

/** The post's side: generateDemo's one transaction against plain INSERTs of the rows it wrote. */
async function postBatch(work: string): Promise<void> {
  const dir = path.join(work, `post-batch-${config.batch}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const post = createBackend({
    dataDir: dir,
    key: randomBytes(32),
    version: 'bench',
    checkOutputs: false,
    log: () => undefined,
  });
  let appMs: number;
  let rows: RawRow[];
  try {
    const start = now();
    generateDemo(post.db, post.services.store, { records: config.batch, seed: config.seed, until: UNTIL });
    appMs = now() - start;
    const s = post.services.settings.read();
    const ctx = { timeZone: s.timeZone, homeCountry: s.homeCountry };
    const stored = post.db
      .prepare('SELECT kind, id, revision, data, created_at, updated_at FROM record ORDER BY n')
      .all() as {
      kind: RecordKind;
      id: string;
      revision: number;
      data: string;
      created_at: string;
      updated_at: string;
    }[];
    rows = stored.map((r) =>
      rawRow(
        {
          kind: r.kind,
          id: r.id,
          revision: r.revision,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          fields: JSON.parse(r.data) as Record<string, unknown>,
        },
        ctx,
        { post: null, level: null, exportId: null },
      ),
    );
    const rawFile = path.join(work, 'post-batch-raw.db');
    const db = openRawDatabase(rawFile, randomBytes(32), post.db);
    let rawMs: number;
    try {
      const pipeline = createRawPipeline(db, { identities: [], publicKeys: new Map() });
      const began = now();
      pipeline.insertRows(rows);
      rawMs = now() - began;
    } finally {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(rawFile + suffix, { force: true });
    }
    figure({
      what: `post: ${fmtInt(rows.length)} records through the store`,
      app: `${fmtMs(appMs)}, ${fmtRate(rows.length / (appMs / 1000))}`,
      versus: `plain INSERTs ${fmtRate(rows.length / (rawMs / 1000))}`,
      ratio: appMs / rawMs,
    });
    console.log('  (the post: generateDemo includes making the records up and parsing them with the contract schemas)');
  } finally {
    post.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
