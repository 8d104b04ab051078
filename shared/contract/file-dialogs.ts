import { z } from 'zod';
import type { Channel, Contract } from './ipc';

// Files the officer saves or opens never cross IPC as base64 (or as text): the host (Electron's main process,
// or the browser test bridge standing in for it) shows its own save or open dialog before it forwards the
// call, and hands the chosen path to the backend, which writes or reads the file itself (streaming large
// ones). This table says, once, which channels need a dialog and what it offers; electron/files/dialogs.ts
// applies it. The renderer never sends a path: a payload that held one would be meaningless.

export interface FileFilter {
  /** Shown in the dialog's file type list. */
  readonly name: string;
  /** Without the dot. */
  readonly extensions: readonly string[];
}

type Parsed<C extends Channel> = z.output<Contract[C]['input']>;

export interface SaveDialogSpec<C extends Channel> {
  readonly kind: 'save';
  /** The file name the dialog suggests (the officer may change it and the folder). */
  readonly suggestedName: (input: Parsed<C>) => string;
  readonly filters: readonly FileFilter[] | ((input: Parsed<C>) => readonly FileFilter[]);
}

export interface OpenDialogSpec<C extends Channel> {
  readonly kind: 'open';
  readonly multiple: boolean;
  /** Choose a folder rather than files. */
  readonly directory?: boolean;
  readonly filters: readonly FileFilter[];
  /** Only calls for which this holds need the dialog (e.g. restoring a picked file, not a listed backup). */
  readonly when?: (input: Parsed<C>) => boolean;
}

export type FileDialogSpec<C extends Channel> = SaveDialogSpec<C> | OpenDialogSpec<C>;

const JSON_FILES: FileFilter = { name: 'JSON', extensions: ['json'] };
const BACKUP_FILES: FileFilter = { name: 'Liaison Log backup', extensions: ['db'] };
const BUNDLE_FILES: FileFilter = { name: 'Liaison Log bundle', extensions: ['llbundle'] };

/** A file name made of letters, digits and dashes from any text (e.g. a table's title), never empty. */
export function safeFileStem(text: string, fallback = 'table'): string {
  const stem = text
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 80)
    .replace(/-$/, '');
  return stem || fallback;
}

export function tableFileName(name: string, format: 'csv' | 'xlsx'): string {
  return `${safeFileStem(name)}.${format}`;
}

export function art18FileName(year: number, format: 'csv' | 'xlsx' | 'json'): string {
  return `art18-statistics-${year}.${format}`;
}

const TABLE_FILTERS = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  json: JSON_FILES,
} as const;

export const FILE_DIALOGS: { readonly [C in Channel]?: FileDialogSpec<C> } = {
  'session.saveRecoveryFile': {
    kind: 'save',
    suggestedName: () => 'key.recovery.age',
    filters: [{ name: 'age', extensions: ['age'] }],
  },
  // The backup and its key files go into a folder the officer picks (a USB stick, the embassy's server).
  'backups.saveCopy': { kind: 'open', multiple: false, directory: true, filters: [] },
  'backups.restore': { kind: 'open', multiple: false, filters: [BACKUP_FILES], when: (input) => 'pickFile' in input },
  'keys.saveHqKeyFile': { kind: 'save', suggestedName: () => 'liaison-log-hq-key.json', filters: [JSON_FILES] },
  'keys.saveEnrolmentFile': {
    kind: 'save',
    suggestedName: () => 'liaison-log-enrolment.json',
    filters: [JSON_FILES],
  },
  'keys.importHq': { kind: 'open', multiple: false, filters: [JSON_FILES] },
  'posts.readEnrolment': { kind: 'open', multiple: false, filters: [JSON_FILES] },
  // With a token, the file read by posts.readEnrolment (and checked by phone) is enrolled: no dialog.
  'posts.enrol': { kind: 'open', multiple: false, filters: [JSON_FILES], when: (input) => !('token' in input) },
  'exports.saveCopy': {
    kind: 'save',
    suggestedName: (input) => input.fileName ?? 'liaison-log-export.llbundle',
    filters: [BUNDLE_FILES],
  },
  'imports.run': { kind: 'open', multiple: true, filters: [BUNDLE_FILES], when: (input) => 'fromDialog' in input },
  'reports.saveTable': {
    kind: 'save',
    suggestedName: (input) => tableFileName(input.name, input.format),
    filters: (input) => [TABLE_FILTERS[input.format]],
  },
  // Everything about a person, for a data-protection officer's request (issue 13, item 5).
  'person.saveData': {
    kind: 'save',
    suggestedName: (input) => `person-data-${input.id.slice(0, 8)}.${input.format}`,
    filters: (input) => [TABLE_FILTERS[input.format]],
  },
  'reports.saveArt18': {
    kind: 'save',
    suggestedName: (input) => art18FileName(input.year, input.format),
    filters: (input) => [TABLE_FILTERS[input.format]],
  },
  // Handover to a successor (issue 13, item 6): the successor's file, and the package.
  'handover.saveSuccessorFile': {
    kind: 'save',
    suggestedName: () => 'liaison-log-successor.json',
    filters: [JSON_FILES],
  },
  'handover.readSuccessor': { kind: 'open', multiple: false, filters: [JSON_FILES] },
  'handover.create': {
    kind: 'save',
    suggestedName: () => 'liaison-log-handover.llhandover',
    filters: [{ name: 'Liaison Log handover', extensions: ['llhandover'] }],
  },
  'handover.readPackage': {
    kind: 'open',
    multiple: false,
    filters: [{ name: 'Liaison Log handover', extensions: ['llhandover'] }],
  },
  // Spreadsheet import (issue 14, item 5): the officer's legacy log, and its import configuration (JSON).
  'sheetImport.open': {
    kind: 'open',
    multiple: false,
    filters: [{ name: 'Spreadsheet (CSV, Excel)', extensions: ['csv', 'xlsx', 'txt', 'tsv'] }],
  },
  'sheetImport.saveMapping': {
    kind: 'save',
    suggestedName: (input) => `${safeFileStem(input.mapping.source, 'import')}.mapping.json`,
    filters: [JSON_FILES],
  },
  'sheetImport.openMapping': { kind: 'open', multiple: false, filters: [JSON_FILES] },
  // The evaluation dataset (issue 14, item 4): the folder in which the dataset's own folder is made.
  'reports.exportDataset': { kind: 'open', multiple: false, directory: true, filters: [] },
  // "Save a copy as…" of a published network configuration (issue 14 leftovers): the same name and extension as
  // the file HQ published (electron/network-config/service.ts, liaison-log-config-v<version>.llconfig).
  'networkConfig.saveCopy': {
    kind: 'save',
    suggestedName: (input) =>
      input.version === undefined ? 'liaison-log-config.llconfig' : `liaison-log-config-v${input.version}.llconfig`,
    filters: [{ name: 'Liaison Log network configuration', extensions: ['llconfig'] }],
  },
};

/** What a channel that wrote a file answers: where (to show the officer) and how much. */
export const SavedFile = z.strictObject({
  /** The full path written, as the officer chose it in the host's dialog. */
  savedTo: z.string(),
  bytes: z.number().int().min(0),
});
export type SavedFile = z.output<typeof SavedFile>;

/** A backup saved with its key files: `savedTo` is the folder made for them, `files` what it holds. */
export const SavedBackupCopy = SavedFile.extend({ files: z.array(z.string()) });
export type SavedBackupCopy = z.output<typeof SavedBackupCopy>;
