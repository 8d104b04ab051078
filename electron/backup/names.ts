import path from 'node:path';

// Backup file names carry everything a listing needs without opening (and so without decrypting) a file:
//
//   liaison-log-<kind>-<UTC stamp>[-<n>]-s<schema>[-<label>].db
//   liaison-log-auto-20260504T100000Z-s4.db
//   liaison-log-manual-20260504T100000Z-2-s4-before-the-move.db
//
// <kind> is `auto` (rotated) or `manual` (never deleted by Liaison Log); <n> separates backups made within
// the same second; the label is the officer's, reduced to a-z, 0-9 and hyphens.

export type BackupKind = 'auto' | 'manual';

/** The folder automatic backups go to, inside the data folder. */
export const BACKUP_DIR_NAME = 'backups';

export function defaultBackupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR_NAME);
}

export interface BackupName {
  readonly kind: BackupKind;
  readonly createdAt: Date;
  /** Separates backups made within the same second (1 for the first). */
  readonly sequence: number;
  readonly schemaVersion: number;
  readonly label?: string;
}

const NAME = /^liaison-log-(auto|manual)-(\d{8}T\d{6}Z)(?:-(\d{1,4}))?-s(\d{1,6})(?:-([a-z0-9][a-z0-9-]{0,39}))?\.db$/;

/** YYYYMMDDTHHMMSSZ in UTC: sorts as text in time order and is valid in every file system. */
export function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export function parseUtcStamp(stamp: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  if (!m) return new Date(NaN);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** The officer's label as it can appear in a file name, or undefined if nothing usable is left. */
export function slugLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || undefined;
}

export function formatBackupName(name: BackupName): string {
  const seq = name.sequence > 1 ? `-${name.sequence}` : '';
  const label = name.label ? `-${name.label}` : '';
  return `liaison-log-${name.kind}-${utcStamp(name.createdAt)}${seq}-s${name.schemaVersion}${label}.db`;
}

export function parseBackupName(fileName: string): BackupName | undefined {
  const m = NAME.exec(fileName);
  if (!m) return undefined;
  const createdAt = parseUtcStamp(m[2] as string);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return {
    kind: m[1] as BackupKind,
    createdAt,
    sequence: m[3] ? Number(m[3]) : 1,
    schemaVersion: Number(m[4]),
    ...(m[5] ? { label: m[5] } : {}),
  };
}

/** Newest first: by time, then by sequence within a second. */
export function compareNewestFirst(a: BackupName, b: BackupName): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || b.sequence - a.sequence;
}

/** Temporary files of backups and restores in progress start with this; a listing never shows them. */
export const TEMP_PREFIX = '.liaison-log-';
