import { expect, openApp, requestCount, test, TEST_PASSPHRASE, unwrap } from './fixtures';
import { seedRequest } from './request-form';
import { shootSession, unlockScreen } from './session-screens';

// The backend in its own process (electron/process/), as the window lives with it: every call of these pages
// crosses the process boundary. When the backend process dies, the window says so, offers a restart, and
// nothing that was saved is lost.

const SUBJECT = 'Container MSCU 4481920, port of Antwerp';

test('the backend process is killed: the window offers a restart, then unlocks with every saved record', async ({
  page,
  backend,
  session,
}) => {
  await unwrap(backend.call('requests.create', seedRequest({ subject: SUBJECT })));
  await openApp(page, backend);
  await expect(page.getByText(SUBJECT)).toBeVisible();
  const pid = session.host.pid;
  expect(pid).toBeDefined();
  expect(pid).not.toBe(process.pid);

  process.kill(pid ?? 0, 'SIGKILL');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Liaison Log needs to restart its data service' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Everything you saved is safe');
  await expect(page.getByText(SUBJECT)).toHaveCount(0);
  await shootSession(page, 'backend-stopped-en');

  await page.getByRole('button', { name: 'Restart' }).click();
  const unlock = unlockScreen(page);
  await expect(unlock.passphrase).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'restarted after it stopped unexpectedly' })).toBeVisible();
  await shootSession(page, 'backend-restarted-en');
  expect(session.host.pid).not.toBe(pid);
  await unlock.passphrase.fill(TEST_PASSPHRASE);
  await unlock.submit.click();
  await page.goto('/#/requests');
  await expect(page.getByText(SUBJECT)).toBeVisible();
  expect(await requestCount(backend)).toBe(1);
});
