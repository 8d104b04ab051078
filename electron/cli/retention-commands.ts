import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { callWithFiles } from '../files/trusted';
import type { CliIo } from './io';

// Retention and data-subject duties on the command line (issue 13, items 5 and 7): the same backend calls the
// window makes. Nothing is purged or erased without --yes: without it the command lists what it would do and
// exits 2. Exit status: 0 done, 1 refused (the message says why), 2 a usage error or confirmation missing.

export const RETENTION_COMMAND_NAMES = new Set(['retention', 'person']);

export const RETENTION_COMMANDS_HELP = `  retention list [--json]
                      The records past their retention period (HQ's rules, else the defaults), and the
                      personal data past its period within records that are kept. Legal holds excluded.
  retention purge [--yes] [--json]
                      Purge for good everything "retention list" shows (records; notes and person links).
                      Without --yes: the list, and nothing purged (exit 2).
  person export ID --out FILE [--format json|csv]
                      Everything about one person (a data-protection request): fields, linked records,
                      mentions by name, history. The format follows FILE's extension unless given.
  person erase ID [--redact RECORD_ID]... [--redact-all] [--yes] [--json]
                      Erase a person across records: the person purged (a tombstone travels to HQ with the
                      next export), links to them removed, their name replaced by [erased] in the records
                      named with --redact (or all listed mentions with --redact-all). Without --yes: the
                      links and mentions to review, and nothing erased (exit 2).
`;

export interface RetentionArgs {
  positionals: string[];
  values: {
    out?: string;
    format?: string;
    yes?: boolean;
    redact?: string[];
    'redact-all'?: boolean;
    json: boolean;
  };
}

type CliBackend = Pick<Backend, 'call' | 'invoke'>;

function refused(io: CliIo, error: { message: string }): number {
  io.err(`liaison-log: ${error.message}\n`);
  return 1;
}

function usage(io: CliIo, text: string): number {
  io.err(`liaison-log: ${text}\nRun liaison-log --help for usage.\n`);
  return 2;
}

const day = (iso: string) => iso.slice(0, 10);

export async function runRetentionCommand(
  command: string,
  args: RetentionArgs,
  backend: CliBackend,
  io: CliIo,
): Promise<number> {
  const { positionals, values } = args;
  const sub = positionals[1];
  const json = (value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`);

  if (command === 'retention') {
    if (sub !== 'list' && sub !== 'purge') return usage(io, 'retention needs list or purge.');
    const due = await backend.call('retention.due', {});
    if (!due.ok) return refused(io, due.error);
    const { records, personalData, held, limited } = due.value;
    const confirmed = sub === 'purge' && values.yes === true;
    if (!confirmed) {
      if (values.json) json(due.value);
      else {
        io.out(`${records.length} record(s) past retention${limited ? ' (first of more)' : ''}:\n`);
        for (const r of records) {
          io.out(
            `  ${r.kind.padEnd(12)} ${r.id}  ${r.title}  (last change ${day(r.lastChange)}, due ${day(r.dueSince)})\n`,
          );
        }
        io.out(`${personalData.length} record(s) with personal data past its period:\n`);
        for (const p of personalData) io.out(`  ${p.kind.padEnd(12)} ${p.id}  ${p.title}  (${p.parts.join(', ')})\n`);
        if (held > 0) io.out(`${held} record(s) past retention are kept by a legal hold.\n`);
      }
      if (sub === 'purge') {
        io.err('liaison-log: nothing was purged. Check the list, then run "retention purge --yes".\n');
        return 2;
      }
      return 0;
    }
    const out = await backend.call('retention.purge', {
      recordIds: records.map((r) => r.id),
      personalDataIds: personalData.map((p) => p.id),
    });
    if (!out.ok) return refused(io, out.error);
    if (values.json) json(out.value);
    else {
      io.out(`Purged ${out.value.purged} record(s); personal data removed from ${out.value.stripped}.\n`);
      if (out.value.olderBackups > 0) {
        io.out(
          `${out.value.olderBackups} backup(s) made before this purge still hold the purged data until they rotate ` +
            'out; make a fresh backup and delete the older ones in the app (Retention) to remove it now.\n',
        );
      }
    }
    return 0;
  }

  // person export | erase
  const id = positionals[2];
  if ((sub !== 'export' && sub !== 'erase') || !id) return usage(io, 'person needs export ID or erase ID.');
  if (sub === 'export') {
    if (!values.out) return usage(io, 'person export needs --out FILE.');
    const format = values.format ?? (path.extname(values.out).toLowerCase() === '.csv' ? 'csv' : 'json');
    if (format !== 'json' && format !== 'csv') return usage(io, '--format must be json or csv.');
    const r = await callWithFiles(
      backend.invoke,
      'person.saveData',
      { id, format },
      { save: path.resolve(values.out) },
    );
    if (!r.ok) return refused(io, r.error);
    if (values.json) json(r.value);
    else io.out(`Wrote ${r.value.savedTo} (${r.value.bytes} bytes).\n`);
    return 0;
  }
  const data = await backend.call('person.data', { id });
  if (!data.ok) return refused(io, data.error);
  const mentions = data.value.mentions;
  const known = new Set(mentions.map((m) => m.record.id));
  const redact = values['redact-all'] ? [...known] : (values.redact ?? []);
  const unknown = redact.filter((r) => !known.has(r));
  if (unknown.length > 0) return usage(io, `--redact ${unknown.join(', ')}: no mention of this person there.`);
  if (values.yes !== true) {
    if (values.json) json({ person: data.value.person, linked: data.value.linked, mentions });
    else {
      io.out(`Erasing ${data.value.person.name} (${id}) would:\n`);
      io.out(`  remove the person and the links from ${data.value.linked.length} record(s)\n`);
      io.out(`  list ${mentions.length} record(s) mentioning the name:\n`);
      for (const m of mentions) {
        const mark = redact.includes(m.record.id) ? 'redact' : 'keep  ';
        io.out(`    [${mark}] ${m.record.kind.padEnd(12)} ${m.record.id}  ${m.fields.join(', ')}: …${m.excerpt}…\n`);
      }
    }
    io.err('liaison-log: nothing was erased. Review the list, then run again with --yes.\n');
    return 2;
  }
  const out = await backend.call('person.erase', { id, redactIn: redact });
  if (!out.ok) return refused(io, out.error);
  if (values.json) json(out.value);
  else {
    io.out(
      `Erased: the person, the links from ${out.value.unlinked} record(s), the name in ${out.value.redacted} ` +
        'record(s). The next export tells HQ.\n',
    );
    if (out.value.olderBackups > 0) {
      io.out(`${out.value.olderBackups} backup(s) made before still hold the person until they rotate out.\n`);
    }
  }
  return 0;
}
