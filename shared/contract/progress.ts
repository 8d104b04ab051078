/**
 * How far a long operation (import, export, backup, restore, salvage, reports, demo) has come. `total` is
 * null while it is not known yet; `phase` is a stable, translatable code (e.g. "verify", "merge", "copy").
 */
export interface Progress {
  readonly done: number;
  readonly total: number | null;
  readonly phase?: string;
}
