import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { art18FileName } from '../../shared/contract/file-dialogs';
import { englishText, messageRef } from '../../shared/contract/messages';
import { Art18Input } from '../../shared/reports/art18';
import { callWithFiles } from '../files/trusted';
import type { CliIo } from './io';

/** `report art18 --year YYYY --format csv|xlsx|json --out FILE`: the same call the UI makes. */
export async function runReportCommand(
  positionals: string[],
  values: { year?: string; format?: string; out?: string },
  invoke: Backend['invoke'],
  io: CliIo,
): Promise<number> {
  const year = Number(values.year);
  const format = values.format ?? 'csv';
  if (positionals[1] !== 'art18' || !values.year || !values.out || !['csv', 'xlsx', 'json'].includes(format)) {
    io.err('liaison-log: report art18 --year YYYY --format csv|xlsx|json --out FILE\n');
    return 2;
  }
  // The accepted years, from the contract itself, so the refusal says which years would do.
  const { minValue, maxValue } = Art18Input.shape.year;
  const min = minValue ?? 0;
  const max = maxValue ?? 9999;
  if (!/^\d{1,6}$/.test(values.year) || !Number.isInteger(year) || year < min || year > max) {
    io.err(`liaison-log: ${englishText(messageRef('cli.year_out_of_range', { year: values.year, min, max }))}\n`);
    return 2;
  }
  const out = path.resolve(values.out);
  const target =
    fs.existsSync(out) && fs.statSync(out).isDirectory() ? path.join(out, art18FileName(year, format as 'csv')) : out;
  // The same call the UI makes; the command line grants the path as the window's host does after its dialog.
  const r = await callWithFiles(invoke, 'reports.saveArt18', { year, format: format as 'csv' }, { save: target });
  if (!r.ok) {
    io.err(`liaison-log: ${r.error.message}\n`);
    return r.error.code === 'invalid_input' ? 2 : 1;
  }
  io.out(`Wrote the Article 18 statistics for ${year} to ${target}\n`);
  return 0;
}
