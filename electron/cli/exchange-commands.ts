import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { writeFileAtomic } from '../exchange/atomic-write';
import { MAX_BUNDLE_BYTES, summarize } from '../exchange/import';
import type { CliIo } from './main';
import type { FileReport, ImportReport } from '../../shared/exchange/schema';

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
  };
}

type Call = Backend['call'];

function problem(io: CliIo, error: { message: string; fields?: Record<string, { message: string }> }): number {
  const fields = Object.entries(error.fields ?? {})
    .map(([k, v]) => `  ${k}: ${v.message}`)
    .join('\n');
  io.err(`liaison-log: ${error.message}\n${fields ? `${fields}\n` : ''}`);
  return 1;
}

function readText(file: string | undefined, io: CliIo): string | undefined {
  if (!file) {
    io.err('liaison-log: name the file.\n');
    return undefined;
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
    return undefined;
  }
}

export async function runExchangeCommand(command: string, args: ExchangeArgs, call: Call, io: CliIo): Promise<number> {
  const { positionals, values } = args;
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
        const r = await call(sub === 'export-hq' ? 'keys.hqKeyFile' : 'keys.enrolmentFile', {});
        if (!r.ok) return problem(io, r.error);
        writeFileAtomic(path.resolve(file), r.value.content);
        io.out(`Wrote ${file}\n`);
        return 0;
      }
      if (sub === 'import-hq') {
        const content = readText(file, io);
        if (content === undefined) return 2;
        const r = await call('keys.importHq', { content });
        if (!r.ok) return problem(io, r.error);
        for (const k of r.value.hqKeys.filter((x) => !x.retired))
          io.out(`Trusting HQ key ${k.fingerprint} (${k.label})\n`);
        return 0;
      }
      io.err('liaison-log: keys export-hq FILE | keys import-hq FILE | keys export-post FILE\n');
      return 2;
    }
    case 'enrol': {
      const content = readText(positionals[1], io);
      if (content === undefined) return 2;
      const r = await call('posts.enrol', { content });
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
      const target = fs.existsSync(out) && fs.statSync(out).isDirectory() ? path.join(out, r.value.fileName) : out;
      writeFileAtomic(target, fs.readFileSync(r.value.path));
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
        let bytes: Buffer;
        try {
          // Too large to be a bundle: refuse without reading it into memory.
          bytes = fs.statSync(f).size > MAX_BUNDLE_BYTES ? Buffer.alloc(MAX_BUNDLE_BYTES + 1) : fs.readFileSync(f);
        } catch (error) {
          unreadable.push(`${f}: ${(error as Error).message}`);
          continue;
        }
        const r = await call('imports.run', {
          files: [{ name: f, base64: bytes.toString('base64') }],
          dryRun: values['dry-run'],
        });
        if (!r.ok) return problem(io, r.error);
        reports.push(...r.value.files);
        gaps = r.value.gaps;
      }
      for (const u of unreadable) io.err(`liaison-log: cannot read ${u}\n`);
      const report = summarize(reports, gaps, values['dry-run']);
      if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const f of report.files) {
          io.out(
            `${f.outcome.padEnd(16)} ${f.file}${f.reason ? ` (${f.reason})` : ''}: ${f.message} +${f.added} ~${f.updated} =${f.unchanged}\n`,
          );
        }
        for (const g of report.gaps)
          io.out(`gap: post ${g.postId} key ${g.keyId} is missing export(s) ${g.missing.join(', ')}\n`);
      }
      return report.totals.rejected > 0 || unreadable.length > 0 ? 1 : 0;
    }
    default:
      return -1;
  }
}
