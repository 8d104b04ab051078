import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { englishText } from '../../shared/contract/messages';
import { DEFAULT_THRESHOLD, THRESHOLD_RANGE } from '../../shared/dataset/schema';
import { callWithFiles } from '../files/trusted';
import type { CliIo } from './io';

// `liaison-log export-dataset`: the evaluation dataset for external evaluators (docs/evaluation-dataset.md), the
// same call the Reports page makes, into the folder named by --out (the window makes a new folder inside the
// one chosen in its dialog; here --out is the dataset's folder itself).

export const DATASET_COMMAND_HELP = `  export-dataset --from DATE --to DATE --out DIR [--threshold N] [--aggregates-only]
                 [--replace] [--json]
                      The evaluation dataset of the period: one CSV per table, datapackage.json
                      (Frictionless) and a codebook in English and Dutch; no names or free text,
                      pseudonymous ids, counts from 1 to N-1 suppressed in the aggregate tables
                      (default N = ${DEFAULT_THRESHOLD}). DIR must be new or empty; --replace replaces an
                      earlier dataset there (never other files). Exit status 2 for wrong arguments,
                      1 when the folder is refused or cannot be written.
`;

export const DATASET_USAGE =
  'liaison-log: export-dataset --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--threshold N] [--aggregates-only] [--replace] [--json]\n';

export interface DatasetArgs {
  from?: string;
  to?: string;
  out?: string;
  threshold?: string;
  'aggregates-only'?: boolean;
  replace?: boolean;
  json: boolean;
}

export async function runDatasetCommand(args: DatasetArgs, invoke: Backend['invoke'], io: CliIo): Promise<number> {
  if (!args.from || !args.to || !args.out) {
    io.err(DATASET_USAGE);
    return 2;
  }
  const threshold = args.threshold === undefined ? DEFAULT_THRESHOLD : Number(args.threshold);
  if (
    args.threshold !== undefined &&
    (!/^\d{1,3}$/.test(args.threshold) || threshold < THRESHOLD_RANGE.min || threshold > THRESHOLD_RANGE.max)
  ) {
    io.err(`liaison-log: --threshold must be a whole number from ${THRESHOLD_RANGE.min} to ${THRESHOLD_RANGE.max}.\n`);
    return 2;
  }
  const out = path.resolve(args.out);
  const r = await callWithFiles(
    invoke,
    'reports.exportDataset',
    {
      from: args.from,
      to: args.to,
      threshold,
      aggregatesOnly: args['aggregates-only'] ?? false,
      replace: args.replace ?? false,
      placement: 'exactly',
    },
    { open: [out] },
  );
  if (!r.ok) {
    const fields = Object.entries(r.error.fields ?? {})
      .map(([k, v]) => `  ${k}: ${v.message}\n`)
      .join('');
    const message = r.error.reason ? englishText(r.error.reason) : r.error.message;
    io.err(`liaison-log: ${message}\n${fields}`);
    return r.error.code === 'invalid_input' ? 2 : 1;
  }
  const d = r.value;
  if (args.json) {
    io.out(`${JSON.stringify(d, null, 2)}\n`);
    return 0;
  }
  const rows = d.tables.reduce((n, t) => n + t.rows, 0);
  io.out(
    `Wrote the evaluation dataset of ${args.from} to ${args.to} to ${d.folder}: ${d.tables.length} tables, ` +
      `${rows} rows; ${d.suppressed.primary + d.suppressed.secondary} counts suppressed ` +
      `(${d.suppressed.primary} below ${threshold}, ${d.suppressed.secondary} to protect them).\n`,
  );
  return 0;
}
