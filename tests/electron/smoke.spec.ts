import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { fillRequestForm, requestScreen } from '../e2e/request-form';

// Launches the real Electron app (out/main/index.js from `npx electron-vite build`) where the Electron binary
// is installed, and skips with the reason printed where it is not (the development and CI machines cannot
// download it).
//
// Never `require('electron')` here: that module downloads the binary when it is imported. The binary's
// location is read the way the package itself would read it, without running its install step.

const ROOT = path.resolve(import.meta.dirname, '../..');
const ELECTRON_PACKAGE = path.join(ROOT, 'node_modules', 'electron');

function defaultExecutableName(): string {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** The Electron executable, or why there is none. Mirrors node_modules/electron/index.js minus the download. */
function findElectron(): { path: string } | { missing: string } {
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const candidate = path.join(override, relative ?? defaultExecutableName());
    return fs.existsSync(candidate)
      ? { path: candidate }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH gives ${candidate}, which does not exist` };
  }
  if (!relative) return { missing: `${path.relative(ROOT, pathFile)} does not exist` };
  const candidate = path.join(ELECTRON_PACKAGE, 'dist', relative);
  return fs.existsSync(candidate)
    ? { path: candidate }
    : { missing: `${path.relative(ROOT, candidate)} does not exist` };
}

test('Electron binary: the real app opens its window, isolates the page and saves a request', async () => {
  const electron = findElectron();
  if ('missing' in electron) {
    const reason =
      `Electron binary not present (${electron.missing}): the shell cannot be launched here; ` +
      'run npx install-electron on a machine with internet';
    console.log(`[electron smoke test] skipped: ${reason}`);
    test.skip(true, reason);
    return;
  }

  const mainJs = path.join(ROOT, 'out', 'main', 'index.js');
  if (!fs.existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npx electron-vite build\` first.`);
  const nativeAddon = path.join(ROOT, 'native', 'electron', 'better_sqlite3.node');
  if (!fs.existsSync(nativeAddon)) {
    // Without it the app would load the Node build of the addon, fail, and block on an error dialog.
    throw new Error(`${nativeAddon} is missing: \`npm start\` builds the SQLite addon for Electron once.`);
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-electron-'));
  const args = ['.'];
  // No X display (a CI container): Chromium's headless Ozone backend draws the window off screen.
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    args.push('--ozone-platform=headless');
  }
  let app: ElectronApplication | undefined;
  try {
    app = await _electron.launch({
      executablePath: electron.path,
      args,
      cwd: ROOT,
      env: { ...process.env, LIAISON_LOG_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Liaison Log$/);
    expect(page.url()).toMatch(/^app:\/\/liaison-log\//);

    const isolation = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        api: typeof w['api'],
        invoke: typeof (w['api'] as { invoke?: unknown } | undefined)?.invoke,
        require: typeof w['require'],
        process: typeof w['process'],
      };
    });
    expect(isolation).toEqual({ api: 'object', invoke: 'function', require: 'undefined', process: 'undefined' });

    const s = requestScreen(page);
    await expect(s.heading).toBeVisible();
    await s.newButton.click();
    await fillRequestForm(page, {
      direction: 'Incoming',
      country: 'Belgium',
      agency: 'Federale Politie',
      subject: 'Electron smoke test request',
      channel: 'SIENA (Europol)',
      exchangedAt: '2026-03-01T09:30',
      status: 'Open',
    });
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Saved.');
    await expect(s.row('Electron smoke test request')).toHaveCount(1);
    expect(fs.existsSync(path.join(dataDir, 'liaison-log.db'))).toBe(true);
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
