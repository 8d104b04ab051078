import fs from 'node:fs';
import path from 'node:path';
import { englishText } from '../../shared/contract/messages';
import { messageRef } from '../../shared/contract/messages';
import type { AppError } from '../../shared/contract/result';
import { ConfigDraft, MAX_CONFIG_BYTES, type ConfigPreview } from '../../shared/network-config/schema';
import type { Backend } from '../backend/create-backend';
import { FileWriteError } from '../exchange/atomic-write';
import { ConfigError, createNetworkConfig } from '../network-config/service';
import type { CliIo } from './io';

// HQ's network configuration on the command line (docs/network-config.md):
//   config publish --out FILE [--from DRAFT.json] [--rotate-key]   HQ: sign and write the next version
//   config import FILE [--dry-run] [--json]                        post: check, preview, apply
//   config show [--json]                                           both: what is in force
// Exit status: 0 done (or checked, with --dry-run), 1 refused or failed (nothing changed), 2 usage.

export const CONFIG_COMMANDS_HELP = `  config publish --out FILE [--from DRAFT.json] [--rotate-key]
                      HQ: sign and write the next network configuration (taxonomy, priorities,
                      reporting calendar, keys, minimum level, retention, objectives). DRAFT.json holds
                      priorities, calendar, minimumLevel, retention, objectives, validDays; without it
                      the last draft is used. --rotate-key announces a new signing key, signed by both.
  config import FILE [--dry-run] [--json]
                      Post: check HQ's configuration file, show what it changes, and apply it in one
                      transaction (--dry-run: only check and show). A refused file changes nothing.
  config show [--json]  The configuration in force (post: applied; HQ: last published).
`;

export interface ConfigArgs {
  positionals: string[];
  values: { out?: string; from?: string; json: boolean; 'dry-run': boolean; 'rotate-key'?: boolean };
}

type CliBackend = Pick<Backend, 'call' | 'db'>;

function refusal(io: CliIo, json: boolean, error: Pick<AppError, 'code' | 'message' | 'reason'>): number {
  if (json) {
    io.out(
      `${JSON.stringify({ ok: false, error: { code: error.reason?.code ?? error.code, message: error.message, params: error.reason?.params ?? {} } }, null, 2)}\n`,
    );
  } else {
    io.err(`liaison-log: ${error.message}\n`);
  }
  return 1;
}

function list(label: string, items: readonly string[]): string {
  return items.length === 0 ? '' : `  ${label}: ${items.join(', ')}\n`;
}

/** The preview as the officer reads it on a terminal. */
export function previewText(p: ConfigPreview, applied: boolean): string {
  const t = p.terms;
  const withCount = (x: { code: string; labelEn: string; records: number }) =>
    `${x.code} (${x.labelEn}; ${x.records} record${x.records === 1 ? '' : 's'})`;
  return [
    `Network configuration version ${p.version} from ${p.hqName} (issued ${p.issuedAt}, expires ${p.expiresAt})`,
    `  signed by ${p.signerFingerprint}${p.rotatedTo ? `; the HQ signing key rotates to ${p.rotatedTo}` : ''}`,
    `  currently applied: ${p.previousVersion ?? 'none'}`,
    list(
      'terms added',
      t.added.map((x) => `${x.code} (${x.labelEn})`),
    ),
    list(
      'terms relabelled',
      t.relabelled.map((x) => `${x.code}: ${x.beforeEn} -> ${x.labelEn} (${x.records} records)`),
    ),
    list('terms retired (records keep them)', t.retired.map(withCount)),
    list('terms reinstated', t.reinstated.map(withCount)),
    list(
      'terms regrouped',
      t.regrouped.map((x) => `${x.code}: ${x.from ?? '-'} -> ${x.to ?? '-'}`),
    ),
    list(
      'own terms kept',
      t.local.map((x) => `${x.code}${x.mapsTo ? ` -> ${x.mapsTo}` : ''}`),
    ),
    list('priorities', p.priorities.all),
    list('new priorities', p.priorities.added),
    list('no longer priorities', p.priorities.removed),
    list(
      'reporting periods',
      p.calendar.all.map((c) => `${c.from}..${c.to} due ${c.due}`),
    ),
    list(
      'HQ keys added',
      p.keys.added.map((k) => `${k.label} ${k.fingerprint}`),
    ),
    list(
      'HQ keys retired',
      p.keys.retired.map((k) => `${k.label} ${k.fingerprint}`),
    ),
    `  minimum export level: ${p.minimumLevel.before ?? '-'} -> ${p.minimumLevel.after}\n`,
    `  retention rules: ${p.retention.changed ? 'changed' : 'unchanged'}\n`,
    `  objectives: ${p.objectives.count} (${p.objectives.added.length} new, ${p.objectives.changed.length} changed, ${p.objectives.removed.length} removed)\n`,
    `${englishText(messageRef(applied ? 'config.applied' : 'config.dry_run', { version: p.version }))}\n`,
  ]
    .map((line, i) => (i < 3 ? `${line}\n` : line))
    .join('');
}

export async function runConfigCommand(args: ConfigArgs, backend: CliBackend, io: CliIo): Promise<number> {
  const { positionals, values } = args;
  const sub = positionals[1];
  const config = createNetworkConfig(backend.db, { now: () => new Date() });
  switch (sub) {
    case 'show': {
      const status = config.status();
      if (values.json) {
        io.out(`${JSON.stringify(status, null, 2)}\n`);
        return 0;
      }
      io.out(`Role: ${status.role ?? 'not set up'}\n`);
      io.out(`HQ signing key: ${status.signingKey?.fingerprint ?? 'none'}\n`);
      const c = status.current;
      if (!c) {
        io.out('No network configuration yet.\n');
        return 0;
      }
      io.out(
        `Version ${c.version} from ${c.hqName}, issued ${c.issuedAt}, expires ${c.expiresAt}${c.expired ? ' (EXPIRED)' : ''}\n` +
          `Priorities: ${c.priorities.join(', ') || '-'}\n` +
          `Reporting periods: ${c.calendar.map((p) => `${p.from}..${p.to} due ${p.due}`).join('; ') || '-'}\n` +
          `Minimum export level: ${c.minimumLevel}\n` +
          `Objectives: ${c.objectives.length}\n` +
          (c.file ? `Published to: ${c.file}\n` : ''),
      );
      return 0;
    }
    case 'import': {
      const file = positionals[2];
      if (!file || positionals.length > 3) {
        io.err('liaison-log: config import FILE [--dry-run] [--json]\n');
        return 2;
      }
      let bytes: Buffer;
      try {
        const size = fs.statSync(file).size;
        if (size > MAX_CONFIG_BYTES) {
          return refusal(io, values.json, {
            code: 'invalid_input',
            message: englishText(messageRef('config.too_large', { size, limit: MAX_CONFIG_BYTES })),
            reason: messageRef('config.too_large', { size, limit: MAX_CONFIG_BYTES }),
          });
        }
        bytes = fs.readFileSync(file);
      } catch (error) {
        io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
        return 1;
      }
      const r = await backend.call('networkConfig.apply', { bytes: new Uint8Array(bytes), dryRun: values['dry-run'] });
      if (!r.ok) return refusal(io, values.json, r.error);
      if (values.json) io.out(`${JSON.stringify({ ok: true, ...r.value }, null, 2)}\n`);
      else io.out(previewText(r.value.preview, r.value.applied));
      return 0;
    }
    case 'publish': {
      if (!values.out) {
        io.err('liaison-log: config publish --out FILE [--from DRAFT.json] [--rotate-key]\n');
        return 2;
      }
      let draft: ConfigDraft | undefined;
      if (values.from) {
        try {
          const parsed = ConfigDraft.safeParse(JSON.parse(fs.readFileSync(values.from, 'utf8')));
          if (!parsed.success) {
            const first = parsed.error.issues[0];
            const ref = messageRef('config.draft_invalid', {
              at: first?.path.join('.') || '(the top)',
              problem: first?.message ?? '',
            });
            return refusal(io, values.json, { code: 'invalid_input', message: englishText(ref), reason: ref });
          }
          draft = parsed.data;
        } catch (error) {
          io.err(`liaison-log: cannot read ${values.from}: ${(error as Error).message}\n`);
          return 1;
        }
      }
      try {
        const r = config.publish({
          draft,
          rotateSigningKey: values['rotate-key'] ?? false,
          out: path.resolve(values.out),
        });
        if (values.json)
          io.out(`${JSON.stringify({ ok: true, version: r.version, file: r.file, sha256: r.sha256 }, null, 2)}\n`);
        else io.out(`${englishText(messageRef('config.published', { version: r.version, file: r.file }))}\n`);
        return 0;
      } catch (error) {
        if (error instanceof ConfigError) {
          return refusal(io, values.json, { code: error.family, message: englishText(error.ref), reason: error.ref });
        }
        if (error instanceof FileWriteError) {
          io.err(`liaison-log: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    }
    default:
      io.err('liaison-log: config publish|import|show. Run liaison-log --help for usage.\n');
      return 2;
  }
}
