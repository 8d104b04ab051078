import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The laptop's own zone must not matter: the clock, format and input-parsing tests run again in child
// processes whose laptop is in Tokyo, Bogotá and Chatham (TZ), and every one of their assertions must hold
// there too. clock.test.ts checks that the child really ran on the zone asked for (LAPTOP_ZONE).

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FILES = ['tests/unit/time/clock.test.ts', 'tests/unit/time/format.test.ts', 'tests/unit/time/parse.test.ts'];
const LAPTOP_ZONES = ['Asia/Tokyo', 'America/Bogota', 'Pacific/Chatham'];

interface VitestReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

function runOnLaptopIn(zone: string): Promise<VitestReport> {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: zone, LAPTOP_ZONE: zone };
  // The child is a vitest run of its own, not a worker of this one.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitest, 'run', ...FILES, '--reporter=json', '--pool=threads'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const start = stdout.indexOf('{');
      try {
        resolve(JSON.parse(stdout.slice(start)) as VitestReport);
      } catch {
        reject(new Error(`vitest under TZ=${zone} gave no report (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe('the laptop zone does not matter', () => {
  for (const zone of LAPTOP_ZONES) {
    it(`every clock, format and parsing test passes on a laptop in ${zone}`, async () => {
      const report = await runOnLaptopIn(zone);
      const failed = report.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.status !== 'passed')
        .map((test) => `${test.fullName}: ${test.status}\n${test.failureMessages.join('\n')}`);
      expect(failed).toEqual([]);
      expect(report.testResults.map((file) => path.relative(ROOT, file.name)).sort()).toEqual([...FILES].sort());
      expect(report.numTotalTests).toBeGreaterThan(30);
      expect(report.numPassedTests).toBe(report.numTotalTests);
      expect(report.success).toBe(true);
    }, 120_000);
  }
});
