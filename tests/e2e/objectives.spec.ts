import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Objective } from '../../shared/objectives/schema';
import { expect, test, unwrap } from './fixtures';
import { buildNetwork, SCREENSHOTS } from './hq-helpers';
import { gotoView } from './logbook/helpers';

// HQ's objectives with progress (issue 14, item 1), end to end. HQ sets up and builds the posts of
// tests/e2e/hq-helpers.ts, publishes a network configuration with three objectives (the configuration editor
// keeps objectives but does not edit them yet, so the test publishes through the backend, as the CLI's
// `config publish --from FILE` does), imports the bundles of two posts (Bogotá and Rabat; Ankara's is left out)
// and reads the objectives panel on the dashboards page, in English and in Dutch.
//
// The period is 1 January - 30 September 2026 (over on the machine's clock: status and projection are final).
// From the two posts' records:
//   results: BOG seizure 30 Apr, arrest 1 Aug; RBA seizure 20 May: 3 (Apr 1, May 1, Aug 1)
//   exchanges with EU member states: BOG DE siena (Mar), ES siena (Apr), FR bilateral (Jul); RBA BE siena
//     (Feb) (NL is HQ's home country, ES via MLA/EIO is judicial): 3 of 4 through SIENA = 75 %
//   RESULTS    results_count, network, target 3  -> 3 of 3, reached
//   SIENA      siena_share, network, target 80   -> 75 % (3 of 4), not reached; Feb 100 %, Jul 0 %
//   RBA        results_count, post RBA, target 2 -> 1 of 2, not reached

const PERIOD = { from: '2026-01-01', to: '2026-09-30' } as const;
const OBJECTIVES: Objective[] = [
  {
    id: 'results',
    labelEn: 'Operational results across the network',
    labelNl: 'Operationele resultaten in het netwerk',
    metric: 'results_count',
    target: 3,
    scope: { type: 'network' },
    period: PERIOD,
  },
  {
    id: 'siena',
    labelEn: 'EU exchanges through SIENA',
    labelNl: 'EU-uitwisselingen via SIENA',
    metric: 'siena_share',
    target: 80,
    scope: { type: 'network' },
    period: PERIOD,
  },
  {
    id: 'rba_results',
    labelEn: 'Results at Rabat',
    labelNl: 'Resultaten in Rabat',
    metric: 'results_count',
    target: 2,
    scope: { type: 'post', postId: 'RBA' },
    period: PERIOD,
  },
];

const card = (page: Page, id: string) => page.locator(`[data-objective="${id}"]`);

async function shootPanel(page: Page, name: string): Promise<void> {
  // The app scrolls inside its content panel: a tall window shows the whole panel without clipping it.
  const size = page.viewportSize() ?? { width: 1280, height: 820 };
  await page.setViewportSize({ width: size.width, height: 4000 });
  const panel = page.locator('.objectives-panel');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

test('HQ publishes objectives, imports two posts’ bundles and reads their progress, in English and Dutch', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  test.slow(); // three installations with keys and bundles
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const bundles = await buildNetwork(backend, fileChooser);
  const published = await unwrap(backend.call('networkConfig.publish', { draft: { objectives: OBJECTIVES } }));
  expect(published.version).toBe(1);

  await test.step('before any import: the objectives are there, nothing counted', async () => {
    await gotoView(page, 'dashboards');
    await expect(page.getByRole('heading', { level: 2, name: 'Objectives' })).toBeVisible();
    await expect(card(page, 'results')).toContainText('0 of 3');
    await expect(card(page, 'results')).toContainText('Not reached');
  });

  const twoPosts = bundles.filter((b) => !b.name.includes('_ANK_'));
  expect(twoPosts).toHaveLength(3); // BOG's two exports and RBA's one
  const report = await unwrap(
    backend.call('imports.run', { files: twoPosts.map((b) => ({ name: b.name, bytes: b.bytes })), dryRun: false }),
  );
  expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'imported']);

  await test.step('English: target against actual, per month, projection', async () => {
    await gotoView(page, 'exchange'); // away and back: the dashboards page reads its figures when it opens
    await gotoView(page, 'dashboards');
    const panel = page.getByRole('region', { name: 'Objectives', exact: true });
    await expect(panel).toContainText('published configuration version 1');
    const results = card(page, 'results');
    await expect(results.getByRole('heading', { level: 3 })).toHaveText('Operational results across the network');
    await expect(results).toContainText('Operational results · Whole network');
    await expect(results.locator('.objective__actual')).toHaveText('3 of 3');
    await expect(results.locator('.objective__status')).toHaveText('Reached');
    await expect(results).toContainText(/Day 273 of 273, counted through 30 Sept? 2026/);
    await expect(results).toContainText(/Projected by 30 Sept? 2026: 3 \(linear, from the pace so far\)/);
    const months = results.getByRole('table', { name: 'Per month' });
    await expect(months.getByRole('row')).toHaveCount(10); // header + January..September
    await expect(months.getByRole('row', { name: /Apr 2026/ }).getByRole('cell')).toHaveText(['1', '1']);
    await expect(months.getByRole('row', { name: /Aug 2026/ }).getByRole('cell')).toHaveText(['1', '3']);

    const siena = card(page, 'siena');
    await expect(siena.locator('.objective__actual')).toHaveText('75% against a target of 80% (3 of 4)');
    await expect(siena.locator('.objective__status')).toHaveText('Not reached');
    await expect(siena).toContainText(/Projected by 30 Sept? 2026: 75% \(the share so far\)/);
    const sienaMonths = siena.getByRole('table', { name: 'Per month' });
    await expect(sienaMonths.getByRole('row', { name: /Feb 2026/ }).getByRole('cell')).toHaveText(['100%', '100%']);
    await expect(sienaMonths.getByRole('row', { name: /Jan 2026/ }).getByRole('cell')).toHaveText(['—', '—']);
    await expect(sienaMonths.getByRole('row', { name: /Jul 2026/ }).getByRole('cell')).toHaveText(['0%', '75%']);

    const rabat = card(page, 'rba_results');
    await expect(rabat).toContainText('Post: Rabat');
    await expect(rabat.locator('.objective__actual')).toHaveText('1 of 2');
    await expect(rabat.locator('.objective__status')).toHaveText('Not reached');
    await shootPanel(page, 'objectives-en');
  });

  await test.step('the periodic report (the dashboards page printed) includes the objectives', async () => {
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    const panel = page.getByRole('region', { name: 'Objectives', exact: true });
    await expect(panel).toBeVisible();
    await expect(card(page, 'siena').locator('.objective__status')).toHaveText('Not reached');
    await expect(card(page, 'siena').getByRole('table', { name: 'Per month' })).toBeVisible();
    await shootPanel(page, 'objectives-print');
    const file = testInfo.outputPath('objectives-periodic-report.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  await test.step('Dutch: the same figures in Dutch', async () => {
    await unwrap(backend.call('settings.update', { language: 'nl' }));
    await page.reload(); // the window reads its language when it opens
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    const panel = page.getByRole('region', { name: 'Doelstellingen', exact: true });
    await expect(panel).toContainText('gepubliceerde configuratieversie 1');
    const results = card(page, 'results');
    await expect(results.getByRole('heading', { level: 3 })).toHaveText('Operationele resultaten in het netwerk');
    await expect(results.locator('.objective__actual')).toHaveText('3 van 3');
    await expect(results.locator('.objective__status')).toHaveText('Behaald');
    const siena = card(page, 'siena');
    await expect(siena.locator('.objective__actual')).toHaveText('75% tegen een doel van 80% (3 van 4)');
    await expect(siena.locator('.objective__status')).toHaveText('Niet behaald');
    await expect(siena).toContainText('(het aandeel tot nu toe)');
    await expect(card(page, 'rba_results')).toContainText('Post: Rabat');
    await shootPanel(page, 'objectives-nl');
  });
});
