// The child process of the fault tests. It runs where the parent cannot: as another user (a folder it may
// not write to), or inside its own mount namespace with a read-only bind mount or a tiny tmpfs (a real
// full disk). Those mounts vanish with the process, so the child also checks the outcome itself and
// prints one line: RESULT <json>.
//
// Usage: node fault-child.mjs SCENARIO JSON_ARGS
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { createBackup } from '../../../electron/backup/index';
import { classifyOpenError, integrityCheck } from '../../../electron/db/integrity';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { describeStorageError } from '../../../electron/db/storage-errors';
import { writeFileAtomic } from '../../../electron/exchange/atomic-write';
import { openedContent, savedContent } from '../../../electron/files/trusted';

const [scenario, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}') as Record<string, string | number>;
const key = typeof args['keyHex'] === 'string' ? Buffer.from(args['keyHex'], 'hex') : undefined;
const done = (result: Record<string, unknown>) => fs.writeSync(1, `RESULT ${JSON.stringify(result)}\n`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : null);

function request(subject: string, notes = ''): Record<string, unknown> {
  return {
    direction: 'incoming',
    counterpartCountry: 'DE',
    counterpartAgency: 'Bundeskriminalamt',
    channel: 'siena',
    exchangedAt: '2026-03-02T09:30:00.000Z',
    subject,
    status: 'open',
    notes,
  };
}

async function main(): Promise<void> {
  switch (scenario) {
    // The data folder cannot be written: opening must fail with a message that says so.
    case 'open': {
      const dataDir = String(args['dataDir']);
      let backend: Backend | undefined;
      try {
        backend = createBackend({ dataDir, key, log: () => undefined });
      } catch (error) {
        const known = classifyOpenError(error, path.join(dataDir, DATABASE_FILE));
        done({ opened: false, message: message(error), kind: known?.kind, explained: known?.error.message });
        return;
      }
      const r = await backend.invoke('requests.create', request('should not be stored'));
      backend.close();
      done({ opened: true, write: r });
      return;
    }

    // The database is on a tiny tmpfs: write until the disk is full, then check nothing acknowledged was
    // lost and nothing half-written is there, after freeing the space the filler file took.
    case 'db-full': {
      const dataDir = String(args['dataDir']);
      const filler = path.join(path.dirname(dataDir), 'filler');
      fs.writeFileSync(filler, Buffer.alloc(Number(args['fillerBytes'])));
      const logged: unknown[] = [];
      const backend = createBackend({ dataDir, key, log: (_m, e) => logged.push(e) });
      const acked: string[] = [];
      let failure: unknown;
      for (let i = 0; i < 10_000 && failure === undefined; i++) {
        const r = await backend.invoke('requests.create', request(`full disk ${i}`, 'z'.repeat(9_000)));
        if (r.ok) acked.push((r.value as { id: string }).id);
        else failure = r;
      }
      const countAfterFailure = (backend.db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
      const again = await backend.invoke('requests.create', request('again', 'z'.repeat(9_000)));
      const countAfterRetry = (backend.db.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
      let closeError: string | undefined;
      try {
        backend.close();
      } catch (error) {
        closeError = message(error);
      }
      fs.rmSync(filler);
      const db = openDatabase(path.join(dataDir, DATABASE_FILE), { key });
      const ids = new Set(
        db
          .prepare<[], { id: string }>('SELECT id FROM record')
          .all()
          .map((r) => r.id),
      );
      const integrity = integrityCheck(db);
      const torn = db
        .prepare(
          'SELECT id FROM record r WHERE r.revision != (SELECT count(*) FROM audit_entry a WHERE a.record_id = r.id)',
        )
        .all().length;
      db.close();
      done({
        acked: acked.length,
        failure,
        again,
        explained: describeStorageError(logged[0], 'the new request', dataDir)?.message,
        countAfterFailure,
        countAfterRetry,
        closeError,
        allAckedPresent: acked.every((id) => ids.has(id)),
        stored: ids.size,
        integrity,
        torn,
      });
      return;
    }

    // A backup into a folder on a full disk (or past the file size limit).
    case 'backup': {
      const dataDir = String(args['dataDir']);
      const outDir = String(args['outDir']);
      const backend = createBackend({ dataDir, key, log: () => undefined });
      try {
        const r = createBackup(backend.db, { dir: outDir, now: new Date('2026-05-04T10:00:00Z'), kind: 'manual' });
        done({ made: true, file: r.file, listing: listing(outDir) });
      } catch (error) {
        done({ made: false, name: (error as Error).name, message: message(error), listing: listing(outDir) });
      } finally {
        backend.close();
      }
      return;
    }

    // An atomic file write (exports, reports, key files) of more than the disk has room for.
    case 'atomic': {
      const outDir = String(args['outDir']);
      const target = path.join(outDir, 'liaison-log_export.llbundle');
      try {
        writeFileAtomic(target, Buffer.alloc(Number(args['bytes']), 7));
        done({ written: true, listing: listing(outDir) });
      } catch (error) {
        done({
          written: false,
          name: (error as Error).name,
          code: (error as { code?: string }).code,
          message: message(error),
          listing: listing(outDir),
        });
      }
      return;
    }

    // A real export (post to HQ) into a folder on a full disk: no half bundle, nothing logged as exported.
    case 'export': {
      const root = String(args['root']);
      const outDir = String(args['outDir']);
      const hq = createBackend({ dataDir: path.join(root, 'hq'), log: () => undefined });
      const post = createBackend({ dataDir: path.join(root, 'post'), key, log: () => undefined });
      try {
        const must = async <T>(answer: Promise<{ ok: true; value: T } | { ok: false }>) => {
          const r = await answer;
          if (!r.ok) throw new Error(JSON.stringify(r));
          return r;
        };
        await must(hq.call('identity.init', { role: 'hq', hqName: 'HQ' }));
        await must(
          post.call('identity.init', { role: 'post', postId: 'BOGOTA', postName: 'Post', officer: 'J', country: 'CO' }),
        );
        const keyFile = await must(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
        await must(openedContent(post.invoke, 'keys.importHq', {}, keyFile.value));
        for (let i = 0; i < 40; i++) {
          // Random notes do not compress: the bundle is as large as its content.
          await must(post.invoke('requests.create', request(`export ${i}`, randomText(8_000))));
        }
        let outcome: Record<string, unknown>;
        try {
          await post.services.exchange.exports.create({ from: '2026-01-01', to: '2026-12-31', level: 'full' }, outDir);
          outcome = { exported: true };
        } catch (error) {
          outcome = { exported: false, name: (error as Error).name, message: message(error) };
        }
        done({ ...outcome, listing: listing(outDir), history: post.services.exchange.exports.history().length });
      } finally {
        post.close();
        hq.close();
      }
      return;
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

function randomText(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz ';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  return s;
}

await main();
