import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { StorageError } from '../db/storage-errors';
import { FileWriteError, writeFileAtomic } from '../exchange/atomic-write';
import { summarize } from '../exchange/import';
import { callWithFiles } from '../files/trusted';
import { runRetireHqCommand } from './handover-commands';
import type { CliIo } from './io';
import type { FileReport, ImportReport } from '../../shared/exchange/schema';
import { englishText, messageRef } from '../../shared/contract/messages';

// The post/HQ exchange on the command line: the same backend calls the UI makes. HQ runs `import` from a
// scheduled task on a drop folder; its exit status says whether every file was accepted.

export interface ExchangeArgs {
  positionals: string[];
  values: {
    role?: string;
    'post-id'?: string;
    'post-name'?: string;
    officer?: string;
    country?: string;
    'hq-name'?: string;
    from?: string;
    to?: string;
    level?: string;
    out?: string;
    json: boolean;
    'dry-run': boolean;
    by?: string;
  };
}

type CliBackend = Pick<Backend, 'call' | 'invoke' | 'services'>;

function problem(io: CliIo, error: { message: string; fields?: Record<string, { message: string }> }): number {
  const fields = Object.entries(error.fields ?? {})
    .map(([k, v]) => `  ${k}: ${v.message}`)
    .join('\n');
  io.err(`liaison-log: ${error.message}\n${fields ? `${fields}\n` : ''}`);
  return 1;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The absolute path of a file to read, or undefined (and a message) if it cannot be read. */
function readablePath(file: string | undefined, io: CliIo): string | undefined {
  if (!file) {
    io.err('liaison-log: name the file.\n');
    return undefined;
  }
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
    return path.resolve(file);
  } catch (error) {
    io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
    return undefined;
  }
}

export async function runExchangeCommand(
  command: string,
  args: ExchangeArgs,
  backend: CliBackend,
  io: CliIo,
): Promise<number> {
  const { positionals, values } = args;
  const call = backend.call;
  // The command line names files itself: it grants them to the call as the window's host does after its dialog.
  const invoke = backend.invoke;
  switch (command) {
    case 'init': {
      const input =
        values.role === 'hq'
          ? { role: 'hq' as const, hqName: values['hq-name'] ?? 'Headquarters' }
          : values.role === 'post'
            ? {
                role: 'post' as const,
                postId: values['post-id'] ?? '',
                postName: values['post-name'] ?? '',
                officer: values.officer ?? '',
                country: values.country ?? null,
              }
            : undefined;
      if (!input) {
        io.err('liaison-log: init needs --role hq or --role post (with --post-id, --post-name, --officer).\n');
        return 2;
      }
      const r = await call('identity.init', input);
      if (!r.ok) return problem(io, r.error);
      const id = r.value;
      io.out(
        id.role === 'post'
          ? `Set up as post ${id.postId ?? ''}. Signing key fingerprint: ${id.signingKeyId ?? ''}\n`
          : `Set up as HQ. Encryption key fingerprint: ${id.hqKeys[0]?.fingerprint ?? ''}\n`,
      );
      return 0;
    }
    case 'keys': {
      const [, sub, file] = positionals;
      if (sub === 'export-hq' || sub === 'export-post') {
        if (!file) {
          io.err(`liaison-log: keys ${sub} FILE\n`);
          return 2;
        }
        const channel = sub === 'export-hq' ? 'keys.saveHqKeyFile' : 'keys.saveEnrolmentFile';
        const r = await callWithFiles(invoke, channel, {}, { save: path.resolve(file) });
        if (!r.ok) return problem(io, r.error);
        io.out(`Wrote ${file}\n`);
        return 0;
      }
      // Issue 13, item 3: HQ retires one of its own keys (electron/cli/handover-commands.ts).
      if (sub === 'retire-hq') return runRetireHqCommand(args, backend, io);
      if (sub === 'import-hq') {
        const chosen = readablePath(file, io);
        if (chosen === undefined) return 2;
        const r = await callWithFiles(invoke, 'keys.importHq', {}, { open: [chosen] });
        if (!r.ok) return problem(io, r.error);
        for (const k of r.value.hqKeys.filter((x) => !x.retired))
          io.out(`Trusting HQ key ${k.fingerprint} (${k.label})\n`);
        return 0;
      }
      io.err(
        'liaison-log: keys export-hq FILE | keys import-hq FILE | keys export-post FILE | keys retire-hq FINGERPRINT\n',
      );
      return 2;
    }
    case 'enrol': {
      const chosen = readablePath(positionals[1], io);
      if (chosen === undefined) return 2;
      const r = await callWithFiles(invoke, 'posts.enrol', {}, { open: [chosen] });
      if (!r.ok) return problem(io, r.error);
      io.out(`Enrolled. Posts: ${r.value.map((p) => `${p.postId} (${p.keys.length} key(s))`).join(', ')}\n`);
      return 0;
    }
    case 'export': {
      if (!values.from || !values.to || !values.level || !values.out) {
        io.err('liaison-log: export --from DATE --to DATE --level aggregate|pseudonymised|full --out FILE\n');
        return 2;
      }
      const r = await call('exports.create', { from: values.from, to: values.to, level: values.level as 'full' });
      if (!r.ok) return problem(io, r.error);
      const out = path.resolve(values.out);
      const target = isFolder(out) ? path.join(out, r.value.fileName) : out;
      try {
        writeFileAtomic(target, fs.readFileSync(r.value.path));
      } catch (error) {
        // Not delivered means not exported: its sequence number and its file in exports/ are taken back.
        backend.services.exchange.exports.withdraw(r.value.exportId);
        if (error instanceof FileWriteError || error instanceof StorageError) {
          io.err(`liaison-log: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
      if (values.json) io.out(`${JSON.stringify({ ...r.value, copiedTo: target }, null, 2)}\n`);
      else io.out(`Exported ${JSON.stringify(r.value.counts)} as sequence ${r.value.sequence} to ${target}\n`);
      return 0;
    }
    case 'import': {
      const targets = positionals.slice(1);
      if (targets.length === 0) {
        io.err('liaison-log: import FILE|DIR...\n');
        return 2;
      }
      const paths: string[] = [];
      for (const t of targets) {
        if (fs.existsSync(t) && fs.statSync(t).isDirectory()) {
          for (const n of fs
            .readdirSync(t)
            .filter((x) => x.endsWith('.llbundle'))
            .sort())
            paths.push(path.join(t, n));
        } else paths.push(t);
      }
      if (paths.length === 0) {
        io.err('liaison-log: no bundle files found.\n');
        return 1;
      }
      // One file at a time: memory stays bounded by one bundle, and each file is its own transaction.
      const unreadable: string[] = [];
      const reports: FileReport[] = [];
      let gaps: ImportReport['gaps'] = [];
      for (const f of paths) {
        try {
          fs.accessSync(f, fs.constants.R_OK);
          if (!fs.statSync(f).isFile()) throw new Error('not a file');
        } catch (error) {
          unreadable.push(`${f}: ${(error as Error).message}`);
          continue;
        }
        // The backend reads the file itself (a file too large to be a bundle is refused on its size, unread).
        const r = await callWithFiles(
          invoke,
          'imports.run',
          { fromDialog: true, dryRun: values['dry-run'] },
          { open: [path.resolve(f)] },
        );
        if (!r.ok) return problem(io, r.error);
        // Reported under the name it was given on the command line.
        reports.push(...r.value.files.map((report) => ({ ...report, file: f })));
        gaps = r.value.gaps;
      }
      for (const u of unreadable) io.err(`liaison-log: cannot read ${u}\n`);
      const report = summarize(reports, gaps, values['dry-run']);
      if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const f of report.files) {
          io.out(
            `${f.outcome.padEnd(16)} ${f.file}${f.reason ? ` (${f.reason})` : ''}: ${f.message} +${f.added} ~${f.updated} =${f.unchanged}${f.removed ? ` -${f.removed}` : ''}\n`,
          );
          // What else the file did: a restore it declares, exports it supersedes, tombstones, corrected figures.
          for (const note of f.notes ?? []) io.out(`${' '.repeat(17)}${englishText(note)}\n`);
        }
        for (const g of report.gaps)
          io.out(`gap: post ${g.postId} key ${g.keyId} is missing export(s) ${g.missing.join(', ')}\n`);
        const { imported, alreadyImported: already, rejected, notReached } = report.totals;
        io.out(`${englishText(messageRef('import.totals', { imported, already, rejected, notReached }))}\n`);
      }
      // A file not reached was not imported either: the run did not do all it was asked.
      return report.totals.rejected > 0 || report.totals.notReached > 0 || unreadable.length > 0 ? 1 : 0;
    }
    default:
      return -1;
  }
}
