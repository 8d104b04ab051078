import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { writeFileAtomic } from '../exchange/atomic-write';
import type { CliIo } from './main';

/** `report art18 --year YYYY --format csv|xlsx|json --out FILE`: the same call the UI makes. */
export async function runReportCommand(
  positionals: string[],
  values: { year?: string; format?: string; out?: string },
  call: Backend['call'],
  io: CliIo,
): Promise<number> {
  const year = Number(values.year);
  const format = values.format ?? 'csv';
  if (
    positionals[1] !== 'art18' ||
    !Number.isInteger(year) ||
    !values.out ||
    !['csv', 'xlsx', 'json'].includes(format)
  ) {
    io.err('liaison-log: report art18 --year YYYY --format csv|xlsx|json --out FILE\n');
    return 2;
  }
  const r = await call('reports.art18File', { year, format: format as 'csv' });
  if (!r.ok) {
    io.err(`liaison-log: ${r.error.message}\n`);
    return r.error.code === 'invalid_input' ? 2 : 1;
  }
  const out = path.resolve(values.out);
  const target = fs.existsSync(out) && fs.statSync(out).isDirectory() ? path.join(out, r.value.fileName) : out;
  try {
    writeFileAtomic(target, Buffer.from(r.value.base64, 'base64'));
  } catch (error) {
    io.err(`liaison-log: cannot write ${target}: ${(error as Error).message}\n`);
    return 1;
  }
  io.out(`Wrote the Article 18 statistics for ${year} to ${target}\n`);
  return 0;
}
