import { defineConfig } from '@playwright/test';
import { launchOptions, resolveChromium } from './tests/e2e/chromium';

// Browser tests run the real production renderer build (out/renderer, from `npx electron-vite build`) in
// Chromium, with `window.api` bridged to the real backend in the test process (tests/e2e/fixtures.ts).
// Which Chromium: CHROMIUM_PATH, else Debian's, else the one in the @sparticuz/chromium devDependency
// (tests/e2e/chromium.ts). Playwright's own browser downloads are not reachable from these machines.
// The config is loaded by the runner and again by each worker; each resolves the same Chromium.

const chromium = await resolveChromium();

export default defineConfig({
  testDir: './tests',
  outputDir: 'test-results/artifacts',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Fixed locale and zone, so dates typed in the form map to known UTC instants and screenshots are stable.
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 820 }, // the Electron window's default size
  },
  projects: [
    {
      name: 'chromium',
      testDir: './tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: launchOptions(chromium),
      },
    },
    {
      // Launches the real Electron shell when its binary is present; skips with a printed reason otherwise.
      name: 'electron',
      testDir: './tests/electron',
      timeout: 60_000,
    },
  ],
});
