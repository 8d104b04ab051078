import { z } from 'zod';

// Backups as the renderer and the command line see them (electron/backup/ writes them; docs/backups.md
// describes the files). The renderer never gets a path it could write to: only file names inside the data
// folder's backups folder, and the bytes of a file the officer picked.

/** A backup's file name as listed (liaison-log-<kind>-<stamp>[-n]-s<schema>[-label].db); never a path. */
export const BackupFileName = z
  .string()
  .max(200)
  .regex(/^liaison-log-(auto|manual)-\d{8}T\d{6}Z(-\d{1,4})?-s\d{1,6}(-[a-z0-9][a-z0-9-]{0,39})?\.db$/, {
    error: 'Not the name of a backup in the backups folder.',
  });

export const BackupEntry = z.strictObject({
  fileName: z.string(),
  /** auto: made on the schedule and rotated; manual: made by the officer (or salvaged), never removed. */
  kind: z.enum(['auto', 'manual']),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  /** Size in bytes. */
  size: z.number().int().min(0),
  /** False only for a backup made before the data was encrypted (removed once encrypted backups exist). */
  encrypted: z.boolean(),
  label: z.string().nullable(),
});
export type BackupEntry = z.output<typeof BackupEntry>;

export const BackupList = z.strictObject({
  /** The backups folder inside the data folder. */
  folder: z.string(),
  automatic: z.strictObject({
    intervalHours: z.number().int(),
    keep: z.number().int(),
    lastAt: z.string().nullable(),
  }),
  /** The last automatic backup failed: why (the data itself is fine). Null when the last one worked. */
  warning: z.string().nullable(),
  entries: z.array(BackupEntry),
});
export type BackupList = z.output<typeof BackupList>;

export const CreateBackupInput = z.strictObject({
  /** The officer's note, e.g. "before the move"; it becomes part of the file name. */
  label: z.string().trim().max(100).optional(),
});

/**
 * Save a copy of a listed backup elsewhere: the host shows a folder dialog and the backend copies the backup
 * and its key files (key.age, key.recovery.age, vault.json: the backup opens only with the database key,
 * which these hold sealed) into a new folder inside the chosen one.
 */
export const SaveBackupCopyInput = z.strictObject({ fileName: BackupFileName });

/**
 * A backup from the list, or a backup file the officer picks in the host's open dialog (`pickFile`): its
 * path reaches the backend from the host, never from the page, and it is copied, never read into memory.
 */
export const RestoreBackupInput = z.union([
  z.strictObject({ fileName: BackupFileName }),
  z.strictObject({ pickFile: z.literal(true) }),
]);
export type RestoreBackupInput = z.input<typeof RestoreBackupInput>;

export const RestoreOutcome = z.strictObject({
  restoredFrom: z.string(),
  /** The file name (in the data folder) under which the replaced database was kept, or null if there was none. */
  kept: z.string().nullable(),
});
export type RestoreOutcome = z.output<typeof RestoreOutcome>;

export const SalvageOutcome = z.strictObject({
  /** The new database's file name in the backups folder: restore it like any backup. */
  outFile: z.string(),
  recovered: z.number().int().min(0),
  /** Rows known to be lost; tables whose loss could not be counted are named in `lostUnknown`. */
  lost: z.number().int().min(0),
  lostUnknown: z.array(z.string()),
});
export type SalvageOutcome = z.output<typeof SalvageOutcome>;

/** Settings bounds for the automatic backups (shared/settings/schema.ts uses them). */
export const BACKUP_INTERVAL_HOURS = { min: 1, max: 168, default: 24 } as const;
export const BACKUP_KEEP = { min: 1, max: 100, default: 10 } as const;
