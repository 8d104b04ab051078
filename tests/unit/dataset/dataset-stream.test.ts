import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { exportDataset } from '../../../electron/dataset/export';
import { useTempDirs } from '../helpers/temp-dir';
import { csvHashes, demoHq, DEMO_PERIOD } from './demo-folder';
import { checkPackage } from './table-check';

// The export streams: rows are written as SQLite yields them, and the record tables (sorted by pseudonym) go
// through sorted runs on disk when they are large. The output is what the in-memory export of before wrote: the
// hashes below are those of the tables the export made before it streamed (same demo folder, same key).

const GOLDEN: Record<string, string> = {
  agg_phenomenon_month: '3e60e3d63315a4be4c80fed028a6df1ba0101b0a4c07ecd62da2eed947c00549',
  agg_post_month: '133164fea1abec0decd17620be644e5892c1c7f4ba327facff3320d5e94ee3ea',
  agg_post_phenomenon_month: '30d876546e7f0057973a391299da21a460e4b460c92d3052a51b7ba76d2415f6',
  case_phenomena: '97d0bd81c310d83a036c52828e4c8f543043d1059853445ae701c870b4b340d2',
  cases: 'beda7a46260069e01e7d9ebc17ea68d0835f9f489d5e3ffac4877da0ff54ec4b',
  channels: '98498f2184763ba6b08d7373eaec023061b08adce1b0505d582e5d08388c024c',
  countries: 'a5d0c44065b8c4d07330967e642eb5e7c0ee37e2827269b283c4a8252ff605e1',
  engagement_organisations: 'a3619bc50eda2f125f040f819ee43836d068daf0e43f73caf3f0443bb7e803dd',
  engagement_phenomena: '1230427174210c713810181c3bf8301a5107fff8ef9ebf7f426701cb4a34f240',
  engagements: 'd88cbf53f74bd0d226cb301d28f27f5e33032e0f476cae498b7478fd706776bb',
  organisation_types: 'f1283141f915c5f9d1c3bb8d0930c02bf898218cf1e54f0b074989067536c656',
  organisations: '944cdca0b0459804ecef00ddb70caa4a00110f4f8c998ca27c11a0599d0d9c58',
  phenomena: 'daf3cbb8f13de65dbbc0ffb56f72b2e9d4a3d6970c45890fd0dae4833f76d6d4',
  posts: '382136c4470c4d89d16037901d4732c3e8bc09c3c2ca6a710c54e92d792555cc',
  request_phenomena: '7d92c137adfd23f93a83e3a418e7301e3a044a9cd0ce15899e68f2f532c9a546',
  requests: '8ab78b1f1a5367505db714a2f0ac89696233ea9b7c8cb11f4c7218bfd1ce7a76',
  result_engagements: '618744f2d353115f113f9c635bfb391df719a04c81711c97c40a5ac90d483707',
  result_phenomena: '777909fdd01ff33de8fc79aa8b9d04d5204793f6ddc72085b1fd43e89e39f25d',
  result_requests: '25fc5e94ccba09a7a9d1f0a0efcf4e77ac904f374f787c016707ddb8d7704689',
  results: 'd11a3b7e2d205d1d7d5ce5959db5764d6db26ece106608a9191f00d08bd3c6ad',
};

const tempDir = useTempDirs('file');
let hq: Backend;

beforeAll(async () => {
  hq = await demoHq(path.join(tempDir('liaison-log-dataset-demo-'), 'data'), { posts: 3, perPost: 400, own: 300 });
}, 120_000);

afterAll(() => hq.close());

async function exportOf(extra: Record<string, unknown> = {}): Promise<string> {
  const folder = path.join(tempDir('liaison-log-dataset-golden-'), 'dataset');
  const r = await hq.invoke(
    'reports.exportDataset',
    { ...DEMO_PERIOD, placement: 'exactly', ...extra },
    { files: { open: [folder] } },
  );
  if (!r.ok) throw new Error(r.error.message);
  return folder;
}

describe('the streaming export', () => {
  it('writes, for a demo folder, the very tables the export wrote before it streamed (golden)', async () => {
    const folder = await exportOf();
    const hashes = csvHashes(folder);
    expect(Object.keys(GOLDEN).length).toBe(20);
    for (const [table, hash] of Object.entries(GOLDEN)) expect(hashes[table], table).toBe(hash);
    expect(checkPackage(folder)).toEqual([]);
  });

  it('sorts a large table through runs on disk into the same file as sorting it in memory', async () => {
    const inMemory = await exportOf();
    const settings = hq.services.settings.read();
    const deps = {
      db: hq.db,
      settings: () => ({ timeZone: settings.timeZone, homeCountry: settings.homeCountry }),
      now: () => new Date('2026-12-01T09:00:00.000Z'),
      appVersion: 'dev',
    };
    const before = csvHashes(inMemory);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    for (const runRows of [7, 50]) {
      const folder = path.join(tempDir('liaison-log-dataset-runs-'), 'dataset');
      const outcome = await exportDataset({ ...deps, runRows }, { ...DEMO_PERIOD }, folder);
      // Hundreds of requests and engagements: dozens of runs of 7 lines, a dozen of 50.
      expect(outcome.tables.find((t) => t.name === 'requests')?.rows).toBeGreaterThan(10 * runRows);
      expect(csvHashes(folder), `runs of ${runRows}`).toEqual(before);
      // The runs are gone: only the dataset's files are left.
      expect(outcome.files.every((f) => /^[a-z0-9_]+\.csv$|^datapackage\.json$|^codebook\.(en|nl)\.md$/.test(f))).toBe(
        true,
      );
    }
  });
});
