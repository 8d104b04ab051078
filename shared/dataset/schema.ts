import { z } from 'zod';
import { CalendarDate } from '../records/common';

// The evaluation dataset for external evaluators: what is asked (a period, the suppression threshold) and what
// the export answers. docs/evaluation-dataset.md explains the package.

/** Counts from 1 to THRESHOLD - 1 are suppressed in the aggregate tables unless another threshold is asked. */
export const DEFAULT_THRESHOLD = 5;
export const THRESHOLD_RANGE = { min: 1, max: 100 } as const;

const DatasetFields = z.strictObject({
  from: CalendarDate,
  to: CalendarDate,
  threshold: z.number().int().min(THRESHOLD_RANGE.min).max(THRESHOLD_RANGE.max).default(DEFAULT_THRESHOLD),
  /** Only the reference lists and the aggregate tables: a package that may be published as it is. */
  aggregatesOnly: z.boolean().default(false),
  /** Replace an earlier dataset in the target folder (a folder holding anything else is never replaced). */
  replace: z.boolean().default(false),
});

const periodInOrder = (o: { from: string; to: string }) => o.from <= o.to;
const periodReversed = {
  path: ['to'],
  error: 'The period ends before it starts.',
  params: { code: 'period_reversed' },
};

export const DatasetOptions = DatasetFields.refine(periodInOrder, periodReversed);
export type DatasetOptions = z.input<typeof DatasetOptions>;

/**
 * `reports.exportDataset`: the host asks for a folder in its own dialog. `inside` (the window) makes a new folder
 * named after the period there (datasetFolderName); `exactly` (the command line's --out DIR) writes into the
 * chosen folder itself.
 */
export const ExportDatasetInput = DatasetFields.extend({
  placement: z.enum(['inside', 'exactly']).default('inside'),
}).refine(periodInOrder, periodReversed);
export type ExportDatasetInput = z.input<typeof ExportDatasetInput>;

export const DatasetOutcome = z.strictObject({
  /** The folder written (absolute path). */
  folder: z.string(),
  /** The files in it, by name. */
  files: z.array(z.string()),
  /** Rows per table. */
  tables: z.array(z.strictObject({ name: z.string(), rows: z.number().int().min(0) })),
  /** Cells shown as "c" in the aggregate tables: below the threshold, and those suppressed to protect them. */
  suppressed: z.strictObject({ primary: z.number().int().min(0), secondary: z.number().int().min(0) }),
  bytes: z.number().int().min(0),
});
export type DatasetOutcome = z.output<typeof DatasetOutcome>;

/** The folder name of a dataset of a period, made inside the folder the officer chose. */
export function datasetFolderName(from: string, to: string): string {
  return `liaison-log-dataset-${from}-to-${to}`;
}

/** The `name` of every dataset's datapackage.json: what marks a folder as one this app may replace. */
export const DATASET_PACKAGE_NAME = 'liaison-log-evaluation-dataset';

/** The progress phases of an export, in order (translated in the renderer). */
export const DATASET_PHASES = ['read', 'aggregate', 'write'] as const;
