import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createLogger, LOG_FOLDER } from '../../electron/logging/logger';
import { expect, test } from './fixtures';

// Settings → Logs: the recent lines of the log file in the data folder (newest first, the time in the app's
// format), where the file is, and Refresh. The lines are written as the app writes them: the backend's
// failures through a logger on the data folder (as the backend process does), and a page's failure through
// `window.api` (as the error boundary does). Nothing is sent anywhere.

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

async function seriousAxeViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

test.describe('Settings → Logs', () => {
  test('lists the recent lines with the folder, and Refresh shows a new event', async ({ appPage: page, dataDir }) => {
    // What the backend process writes when an automatic backup fails, and when the window was restored.
    const logger = createLogger({ dataDir, now: () => new Date('2026-07-01T08:15:02Z') });
    logger.write('info', 'shell', 'window.restored', 'The window was restored after the computer woke up');
    logger.write(
      'error',
      'backend',
      'backup.automatic_failed',
      'The automatic backup failed',
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
    );
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).origin));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const logs = page.getByRole('region', { name: 'Logs', exact: true });
    await logs.scrollIntoViewIfNeeded();
    await expect(logs.getByRole('heading', { level: 2 })).toHaveText('Logs');
    await expect(logs).toContainText('never holds your records, passphrases or keys, and it is not sent anywhere');
    await expect(logs.getByRole('definition')).toHaveText(path.join(dataDir, LOG_FOLDER));
    await expect(logs.getByRole('status')).toHaveText(
      'The last 2 entries, newest first. Messages are in English, for support.',
    );

    const rows = logs.getByRole('table', { name: 'Recent log entries' }).getByRole('row');
    await expect(rows).toHaveCount(3); // the header and two lines, newest first
    // The time in the app's format (en-GB, the test's zone Europe/Amsterdam), to the second.
    await expect(rows.nth(1).getByRole('cell')).toHaveText([
      '1 Jul 2026, 10:15:02',
      'Error',
      'Data service',
      'backup.automatic_failed',
      'The automatic backup failedError [ENOSPC]: ENOSPC: no space left on device, write',
    ]);
    await expect(rows.nth(2).getByRole('cell')).toHaveText([
      '1 Jul 2026, 10:15:02',
      'Information',
      'Application',
      'window.restored',
      'The window was restored after the computer woke up',
    ]);
    expect(await seriousAxeViolations(page, '.logs')).toEqual([]);
    await logs.screenshot({ path: path.join(SCREENSHOTS, 'settings-logs-en.png'), animations: 'disabled' });

    // A new event, written the way the page's error boundary writes it; Refresh shows it on top.
    const written = await page.evaluate(() =>
      window.api?.invoke('logs.write', {
        code: 'renderer.page_failed',
        page: 'dashboards',
        message: "TypeError: Cannot read properties of undefined (reading 'rows')",
      }),
    );
    expect(written).toEqual({ ok: true, value: { written: true } });
    await expect(rows).toHaveCount(3); // not before Refresh
    await logs.getByRole('button', { name: 'Refresh' }).click();
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('Error');
    await expect(rows.nth(1).getByRole('cell').nth(2)).toHaveText('Screen');
    await expect(rows.nth(1).getByRole('cell').nth(3)).toHaveText('renderer.page_failed');
    // The quoted part of an error message is never written (it could quote what the page showed).
    await expect(rows.nth(1).getByRole('cell').nth(4)).toHaveText(
      "dashboards: TypeError: Cannot read properties of undefined (reading '…')",
    );

    // In Dutch.
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });
    const logboek = page.getByRole('region', { name: 'Logbestanden' });
    await expect(logboek.getByRole('heading', { level: 2 })).toHaveText('Logbestanden');
    await expect(logboek.getByRole('button', { name: 'Vernieuwen' })).toBeVisible();
    const rijen = logboek.getByRole('table', { name: 'Recente regels uit het logbestand' }).getByRole('row');
    await expect(rijen.nth(3).getByRole('cell')).toHaveText([
      '01-07-2026 10:15:02',
      'Informatie',
      'Programma',
      'window.restored',
      'The window was restored after the computer woke up',
    ]);
    await logboek.scrollIntoViewIfNeeded();
    await logboek.screenshot({ path: path.join(SCREENSHOTS, 'settings-logs-nl.png'), animations: 'disabled' });

    // Attached to nothing: while the log was shown and refreshed, the page asked no other server for anything.
    const own = new URL(page.url()).origin;
    expect(requests.filter((origin) => origin !== own)).toEqual([]);
  });

  test('says so calmly when nothing has been logged', async ({ appPage: page }) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const logs = page.getByRole('region', { name: 'Logs', exact: true });
    await expect(logs.getByText('Nothing has been logged.')).toBeVisible();
    await expect(logs.getByRole('table')).toHaveCount(0);
    await expect(logs.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  });
});
