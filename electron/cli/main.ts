import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { englishText, messageRef, type MessageRef } from '../../shared/contract/messages';
import type { Backend } from '../backend/create-backend';
import type { OsKeyStore } from '../vault/os-key-store';
import { BACKUP_COMMANDS_HELP } from './backup-commands';
import { BACKUP_COMMAND_NAMES, runBackupCommandUnlocked } from './backup-session';
import { runExchangeCommand } from './exchange-commands';
// Revocation, HQ key retirement and handover (issue 13, items 3 and 6).
import { HANDOVER_COMMAND_NAMES, HANDOVER_COMMANDS_HELP, runHandoverCommand } from './handover-commands';
// HQ's network configuration (issue 13, item 4).
import { CONFIG_COMMANDS_HELP, runConfigCommand } from './config-commands';
// Retention and data-subject duties (issue 13, item 5).
import { RETENTION_COMMAND_NAMES, RETENTION_COMMANDS_HELP, runRetentionCommand } from './retention-commands';
import { consoleIo, type CliIo } from './io';
import { runReportCommand } from './report-commands';
import {
  NEW_PASSPHRASE_ENV,
  PASSPHRASE_ENV,
  RECOVERY_KEY_OUT_ENV,
  passphraseArgumentRefused,
  runPassphraseCommand,
  runRecoverCommand,
  runRecoveryOpenCommand,
  withUnlockedData,
  type SessionCliContext,
} from './session-commands';
import { parseDemoArgs, runDemoCommand, runStatsCommand } from './stats-command';
// The evaluation dataset (issue 14, item 4).
import { DATASET_COMMAND_HELP, runDatasetCommand } from './dataset-commands';
// Spreadsheet import (issue 14, item 5).
import { SHEET_COMMANDS_HELP, runSheetCommand } from './sheet-commands';

// The command line runs on the same backend and the same validated dispatcher as the UI.

const HELP = `liaison-log: the Liaison Log command line

Usage:
  liaison-log --data-dir DIR <command> [options]

Commands:
  stats [--json [--breakdown]]
                      Print record counts in the data folder, then per kind, phenomenon, channel,
                      country and post (with --json only if --breakdown is given too).
  demo --records N [--seed S] [--until YYYY-MM-DD] [--posts P]
                      Fill the data folder with realistic, deterministic sample data. At HQ, --posts P
                      makes P temporary posts that export N records in all, and imports their bundles.
  init --role hq [--hq-name NAME]
  init --role post --post-id ID --post-name NAME --officer NAME [--country CC]
                      Set this installation up as headquarters or as a post (once).
  keys export-hq FILE   HQ: write the HQ key file that posts import.
  keys import-hq FILE   Post: trust the HQ keys in an HQ key file.
  keys export-post FILE Post: write this installation's enrolment file for HQ.
  enrol FILE          HQ: register a post installation from its enrolment file.
  export --from DATE --to DATE --level aggregate|pseudonymised|full --out FILE|DIR
                      Post: write a signed, encrypted export of the period.
  import FILE|DIR... [--json] [--dry-run]
                      HQ: verify and merge bundles. Exit status 1 if any file was rejected.
  report art18 --year YYYY --format csv|xlsx|json --out FILE
                      HQ: the Directive (EU) 2023/977 Article 18 statistics for a calendar year.
  passphrase change   A new passphrase (from --new-passphrase-file FILE or ${NEW_PASSPHRASE_ENV}).
                      Only the key file is rewritten; the old passphrase stops working.
  recovery open --in key.recovery.age
                      HQ: print the recovery code for a post whose officer forgot the passphrase.
  recover --code-file FILE
                      Post: regain access with a recovery code from HQ or the personal recovery key
                      (in FILE) and a new passphrase (--new-passphrase-file FILE or ${NEW_PASSPHRASE_ENV}).
${BACKUP_COMMANDS_HELP}${HANDOVER_COMMANDS_HELP}${CONFIG_COMMANDS_HELP}${RETENTION_COMMANDS_HELP}${DATASET_COMMAND_HELP}${SHEET_COMMANDS_HELP}  help                Show this help.

Options:
  --data-dir DIR      The data folder. Also LIAISON_LOG_DATA_DIR. Only init creates it; every other
                      command refuses a folder that does not exist (a mistyped path is not set up).
  --passphrase-file FILE
                      The passphrase that unlocks the data folder (its first line). Also
                      ${PASSPHRASE_ENV}. Never given as an argument: --passphrase is refused.
                      A new data folder is set up with it and encrypted.
  --recovery-key-out FILE
                      When a new data folder is set up, append its personal recovery key to FILE
                      (an age identity file) instead of printing it to stderr. Also
                      ${RECOVERY_KEY_OUT_ENV}. Move it to the safe, then delete the file.
  -h, --help          Show this help.
  -v, --version       Print the version.

The data folder is encrypted. Without the passphrase, a recovery code from HQ or the personal recovery
key, its data cannot be read by anyone; what was exported to HQ remains at HQ. See docs/data-protection.md.
`;

// In-process callers (tests) still import CliIo from here.
export type { CliIo } from './io';

/** In-process callers only (tests); nothing here is reachable from the command line itself. */
export interface CliOptions {
  /** scrypt work factor for key files written by this run (tests use a small one; the default is age's 18). */
  readonly kdfWorkFactor?: number;
  readonly osKeyStore?: OsKeyStore;
  /** The Electron-ABI SQLite addon, when the installed app runs the command line (`liaison-log --cli`). */
  readonly nativeBinding?: string;
}

const DATA_COMMANDS = new Set([
  'stats',
  'demo',
  'init',
  'keys',
  'enrol',
  'export',
  'import',
  'report',
  'passphrase',
  'recovery',
  'recover',
  ...BACKUP_COMMAND_NAMES,
  ...HANDOVER_COMMAND_NAMES,
  'config', // HQ's network configuration
  ...RETENTION_COMMAND_NAMES, // retention and data-subject duties
  'export-dataset', // the evaluation dataset (issue 14, item 4)
  'import-sheet', // spreadsheet import (issue 14, item 5)
]);

export async function runCli(
  argv: readonly string[],
  io: CliIo = consoleIo,
  env = process.env,
  options: CliOptions = {},
): Promise<number> {
  if (passphraseArgumentRefused(argv, io)) return 2;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        records: { type: 'string' },
        posts: { type: 'string' },
        breakdown: { type: 'boolean', default: false },
        seed: { type: 'string' },
        until: { type: 'string' },
        role: { type: 'string' },
        'post-id': { type: 'string' },
        'post-name': { type: 'string' },
        officer: { type: 'string' },
        country: { type: 'string' },
        'hq-name': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        level: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        year: { type: 'string' },
        format: { type: 'string' },
        'passphrase-file': { type: 'string' },
        'new-passphrase-file': { type: 'string' },
        'recovery-key-out': { type: 'string' },
        'code-file': { type: 'string' },
        in: { type: 'string' },
        // Revocation, HQ key retirement and handover (issue 13, items 3 and 6).
        reason: { type: 'string' },
        by: { type: 'string' },
        successor: { type: 'string' },
        'outgoing-key': { type: 'string' },
        'closed-history': { type: 'boolean', default: false },
        // HQ's network configuration (issue 13, item 4).
        'rotate-key': { type: 'boolean', default: false },
        // Retention and data-subject duties (issue 13, item 5).
        yes: { type: 'boolean', default: false },
        redact: { type: 'string', multiple: true },
        'redact-all': { type: 'boolean', default: false },
        // The evaluation dataset (issue 14, item 4).
        threshold: { type: 'string' },
        'aggregates-only': { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
        // Spreadsheet import (issue 14, item 5).
        mapping: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.err(`liaison-log: ${(error as Error).message}\nRun liaison-log --help for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? (values.help ? 'help' : undefined);
  if (values.version) {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  if (!command) {
    io.err(HELP); // usage after a mistake goes to stderr, so scripts that parse stdout are not confused
    return 2;
  }
  if (command === 'help' || values.help) {
    io.out(HELP);
    return 0;
  }
  const dataDir = values['data-dir'] ?? env['LIAISON_LOG_DATA_DIR'];
  if (!dataDir) {
    io.err('liaison-log: --data-dir DIR is required (or set LIAISON_LOG_DATA_DIR).\n');
    return 2;
  }

  if (!DATA_COMMANDS.has(command)) {
    io.err(`liaison-log: unknown command "${command}". Run liaison-log --help for usage.\n`);
    return 2;
  }
  const folderProblem = dataFolderProblem(dataDir, command === 'init');
  if (folderProblem) {
    io.err(`liaison-log: ${englishText(folderProblem)}\n`);
    return 1;
  }
  const c: SessionCliContext = {
    dataDir,
    io,
    env,
    values,
    version: packageVersion(),
    kdfWorkFactor: options.kdfWorkFactor,
    osKeyStore: options.osKeyStore,
    nativeBinding: options.nativeBinding,
  };
  const withBackend = (run: (backend: Backend) => Promise<number>) => withUnlockedData(c, run);

  if (BACKUP_COMMAND_NAMES.has(command)) {
    return runBackupCommandUnlocked(
      { positionals, values: { out: values.out, from: values.from, json: values.json } },
      c,
    );
  }
  switch (command) {
    case 'stats':
      return withBackend((backend) => runStatsCommand(backend, values, io));
    case 'demo': {
      const args = parseDemoArgs(values, io);
      if (!args) return 2;
      return withBackend((backend) => runDemoCommand(backend, args, io, packageVersion()));
    }
    case 'init':
    case 'keys':
    case 'enrol':
    case 'export':
    case 'import':
      return withBackend((backend) => runExchangeCommand(command, { positionals, values }, backend, io));
    case 'report':
      return withBackend((backend) => runReportCommand(positionals, values, backend.invoke, io));
    case 'revoke':
    case 'reinstate':
    case 'handover':
      return withBackend((backend) => runHandoverCommand(command, { positionals, values }, backend, io));
    // HQ's network configuration (issue 13, item 4).
    case 'config':
      return withBackend((backend) => runConfigCommand({ positionals, values }, backend, io));
    // Retention and data-subject duties (issue 13, item 5).
    case 'retention':
    case 'person':
      return withBackend((backend) => runRetentionCommand(command, { positionals, values }, backend, io));
    // The evaluation dataset (issue 14, item 4).
    case 'export-dataset':
      return withBackend((backend) => runDatasetCommand(values, backend.invoke, io));
    // Spreadsheet import (issue 14, item 5).
    case 'import-sheet':
      return withBackend((backend) => runSheetCommand({ positionals, values }, backend, io));
    case 'passphrase':
      return runPassphraseCommand(positionals, c);
    case 'recover':
      return runRecoverCommand(c);
    default: // 'recovery'
      return runRecoveryOpenCommand(positionals, c);
  }
}

/**
 * Why `dataDir` cannot be the data folder, or undefined. Only `init` may name a folder that does not exist yet
 * (the session creates it at setup, as the app's first start does): any other command given a mistyped path
 * would otherwise set up and encrypt a new, empty folder there and answer as if nothing were wrong.
 */
function dataFolderProblem(dataDir: string, mayCreate: boolean): MessageRef | undefined {
  const folder = path.resolve(dataDir);
  try {
    if (fs.statSync(folder).isDirectory()) return undefined;
    return messageRef('cli.data_dir.not_a_folder', { path: folder });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      return messageRef('cli.data_dir.unreadable', { dataDir: folder, error: String(code ?? error) });
    }
  }
  // Missing: a file on the way there makes it impossible, whichever the command.
  for (let p = path.dirname(folder); path.dirname(p) !== p; p = path.dirname(p)) {
    try {
      if (!fs.statSync(p).isDirectory()) return messageRef('cli.data_dir.not_a_folder', { path: p });
      break;
    } catch {
      /* missing too: look further up */
    }
  }
  return mayCreate ? undefined : messageRef('cli.data_dir.missing', { dataDir: folder });
}

function packageVersion(): string {
  try {
    const file = new URL('../../package.json', import.meta.url);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'dev';
  }
}
