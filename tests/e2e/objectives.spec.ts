import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test, unwrap } from './fixtures';
import { buildNetwork, SCREENSHOTS } from './hq-helpers';
import { gotoView } from './logbook/helpers';

// HQ's objectives with progress (issue 14, item 1), end to end. HQ sets up and builds the posts of
// tests/e2e/hq-helpers.ts, then defines the objectives in its configuration editor (Settings → Network
// configuration), in English: two for the whole network, one for a post, one for a partner country, with a problem
// shown next to its field on the way, and a retention period changed; the summary above the publish button says
// what version 1 changes. It publishes, imports the bundles of two posts (Bogotá and Rabat; Ankara's is left out)
// and reads the objectives panel on the dashboards page in English. Then, in Dutch, it adds a phenomenon objective
// in the same editor, publishes version 2 and reads the panel in Dutch. The editor is photographed in both
// languages (test-results/screenshots/objectives-editor-*.png).
//
// The period is 1 January - 30 September 2026 (over on the machine's clock: status and projection are final).
// From the two posts' records:
//   results: BOG seizure 30 Apr, arrest 1 Aug (both cocaine); RBA seizure 20 May: 3 (Apr 1, May 1, Aug 1)
//   exchanges with EU member states: BOG DE siena (Mar), ES siena (Apr), FR bilateral (Jul); RBA BE siena
//     (Feb) (NL is HQ's home country, ES via MLA/EIO is judicial): 3 of 4 through SIENA = 75 %
//   requests with Spain: BOG ES siena (Apr), RBA ES MLA/EIO (Sep): 2
//   results     results_count, network, target 3        -> 3 of 3, reached
//   siena       siena_share, network, target 80         -> 75 % (3 of 4), not reached; Feb 100 %, Jul 0 %
//   rba_results results_count, post RBA, target 2       -> 1 of 2, not reached
//   spain       requests_count, country ES, target 3    -> 2 of 3, not reached
//   cocaine     results_count, phenomenon cocaine, 2    -> 2 of 2, reached (added in Dutch, version 2)

const FROM = '2026-01-01';
const TO = '2026-09-30';

/** The editor's words in each language (what the analyst reads on the screen). */
const EDITOR = {
  en: {
    add: 'Add an objective',
    form: 'New objective',
    labelEn: 'Name in English',
    labelNl: 'Name in Dutch',
    code: 'Code',
    target: 'Target',
    scope: 'Applies to',
    post: 'Post',
    country: 'Partner country',
    phenomenon: 'Phenomenon',
    from: 'From',
    to: 'To',
    submit: 'Add the objective',
    scopes: {
      network: 'The whole network',
      post: 'One post',
      country: 'One partner country',
      phenomenon: 'One phenomenon',
    },
  },
  nl: {
    add: 'Doelstelling toevoegen',
    form: 'Nieuwe doelstelling',
    labelEn: 'Naam in het Engels',
    labelNl: 'Naam in het Nederlands',
    code: 'Code',
    target: 'Doel',
    scope: 'Geldt voor',
    post: 'Post',
    country: 'Partnerland',
    phenomenon: 'Fenomeen',
    from: 'Van',
    to: 'Tot en met',
    submit: 'Doelstelling toevoegen',
    scopes: { network: 'Het hele netwerk', post: 'Eén post', country: 'Eén partnerland', phenomenon: 'Eén fenomeen' },
  },
} as const;

interface Definition {
  labelEn: string;
  labelNl: string;
  /** The start of the metric's radio button name (its name, then its explanation). */
  metric: RegExp;
  target: string;
  scope: 'network' | 'post' | 'country' | 'phenomenon';
  /** The option to pick in the scope's picker (its label, or a phenomenon's code). */
  pick?: { label: string } | string;
}

/** Opens the form, fills it in as the analyst does and adds the objective (the form then closes). */
async function fillObjective(editor: Locator, lang: 'en' | 'nl', d: Definition): Promise<Locator> {
  const tx = EDITOR[lang];
  await editor.getByRole('button', { name: tx.add, exact: true }).click();
  const form = editor.getByRole('group', { name: tx.form });
  await form.getByLabel(tx.labelEn).fill(d.labelEn);
  await form.getByLabel(tx.labelNl).fill(d.labelNl);
  await form.getByRole('radio', { name: d.metric }).check();
  await form.getByLabel(tx.target, { exact: true }).fill(d.target);
  await form.getByLabel(tx.scope).selectOption({ label: tx.scopes[d.scope] });
  if (d.pick !== undefined) await form.getByLabel(tx[d.scope as 'post'], { exact: true }).selectOption(d.pick);
  await form.getByLabel(tx.from, { exact: true }).fill(FROM);
  await form.getByLabel(tx.to, { exact: true }).fill(TO);
  return form;
}

async function shootEditor(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 820 };
  await page.setViewportSize({ width: size.width, height: 4000 });
  const editor = page.locator('.network-config__editor');
  await editor.scrollIntoViewIfNeeded();
  await editor.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

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

test('HQ defines objectives in its configuration editor, imports two posts’ bundles and reads their progress, in English and Dutch', async ({
  page,
  backend,
  fileChooser,
}, testInfo) => {
  test.slow(); // three installations with keys and bundles
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const bundles = await buildNetwork(backend, fileChooser);

  await test.step('English: HQ defines four objectives and a retention period in the editor, and publishes', async () => {
    await gotoView(page, 'settings');
    const section = page.locator('section.network-config');
    const editor = section.locator('.network-config__editor');
    await expect(editor.getByText('No objectives in the next version yet.')).toBeVisible();

    // The first: the code follows the English name; a period that ends before it starts is refused at the field.
    let form = await fillObjective(editor, 'en', {
      labelEn: 'Operational results across the network',
      labelNl: 'Operationele resultaten in het netwerk',
      metric: /^Operational results/,
      target: '3',
      scope: 'network',
    });
    await expect(form.getByLabel('Code')).toHaveValue('operational_results_across_the_network');
    await form.getByLabel('Code').fill('results');
    await expect(form.getByTestId('objective-unit')).toHaveText('results');
    await form.getByLabel('To', { exact: true }).fill('2025-12-31');
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('alert')).toHaveText('The period ends before it starts.');
    await form.getByLabel('To', { exact: true }).fill(TO);
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form).toBeHidden();

    // A share: the target is a percentage, at most 100.
    form = await fillObjective(editor, 'en', {
      labelEn: 'EU exchanges through SIENA',
      labelNl: 'EU-uitwisselingen via SIENA',
      metric: /^Share of EU exchanges through SIENA/,
      target: '120',
      scope: 'network',
    });
    await form.getByLabel('Code').fill('siena');
    await expect(form.getByTestId('objective-unit')).toHaveText('% of exchanges with EU partners');
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form.getByRole('alert')).toHaveText('A share is a percentage: at most 100.');
    await form.getByLabel('Target', { exact: true }).fill('80');
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form).toBeHidden();

    // One post, from the posts HQ knows: without choosing it, the form says so next to the picker.
    form = await fillObjective(editor, 'en', {
      labelEn: 'Results at Rabat',
      labelNl: 'Resultaten in Rabat',
      metric: /^Operational results/,
      target: '2',
      scope: 'post',
    });
    await expect(form.getByLabel('Code')).toHaveValue('results_at_rabat');
    await form.getByLabel('Code').fill('rba_results');
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form.getByRole('alert')).toHaveText('Choose the post.');
    await form.getByLabel('Post', { exact: true }).selectOption({ label: 'Rabat (RBA)' });
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form).toBeHidden();

    // One partner country, from the app's country list.
    form = await fillObjective(editor, 'en', {
      labelEn: 'Requests exchanged with Spain',
      labelNl: 'Verzoeken uitgewisseld met Spanje',
      metric: /^Information requests/,
      target: '3',
      scope: 'country',
      pick: { label: 'Spain' },
    });
    await form.getByLabel('Code').fill('spain');
    await shootEditor(page, 'objectives-editor-form-en');
    await form.getByRole('button', { name: 'Add the objective' }).click();
    await expect(form).toBeHidden();

    const list = editor.getByRole('list', { name: 'Objectives' });
    await expect(list.getByRole('listitem')).toHaveCount(4);
    await expect(list.locator('[data-objective="rba_results"]')).toContainText(
      'Operational results · Post: Rabat · 1 Jan – 30 Sept 2026 · target 2',
    );
    await expect(list.locator('[data-objective="siena"]')).toContainText('target 80%');
    await expect(list.locator('[data-objective="spain"]')).toContainText('Partner country: Spain');

    // Retention: engagements kept three years instead of five; below the bound is refused at the field.
    const days = editor.getByRole('textbox', { name: 'Days for Engagements' });
    await days.fill('5');
    await expect(editor.locator('[data-retention="engagement"]').getByRole('alert')).toHaveText('At least 7.');
    await expect(section.getByRole('button', { name: 'Publish version 1' })).toBeDisabled();
    await days.fill('1095');
    await expect(section.getByRole('button', { name: 'Publish version 1' })).toBeEnabled();

    // What version 1 changes, before it is published.
    const changes = editor.getByRole('region', { name: 'What version 1 changes' });
    await expect(changes.locator('[data-change="added"]')).toContainText('New 4');
    await expect(changes.locator('[data-change="added"]')).toContainText('EU exchanges through SIENA · target 80%');
    await expect(changes.locator('[data-changes="retention"]')).toHaveText(
      /Retention rules\s*Engagements: 1826 days → 1095 days/,
    );
    await shootEditor(page, 'objectives-editor-en');

    await section.getByRole('button', { name: 'Publish version 1' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Version 1 published' })).toBeVisible();
    const status = await unwrap(backend.call('networkConfig.status', {}));
    expect(status.current?.objectives.map((o) => o.id)).toEqual(['results', 'siena', 'rba_results', 'spain']);
    expect(status.current?.objectives[3]).toEqual({
      id: 'spain',
      labelEn: 'Requests exchanged with Spain',
      labelNl: 'Verzoeken uitgewisseld met Spanje',
      metric: 'requests_count',
      target: 3,
      scope: { type: 'country', country: 'ES' },
      period: { from: FROM, to: TO },
    });
    expect(status.current?.retention.kinds.engagement).toBe(1095);
  });

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

    const spain = card(page, 'spain');
    await expect(spain).toContainText('Information requests · Partner country: Spain');
    await expect(spain.locator('.objective__actual')).toHaveText('2 of 3');
    await expect(spain.locator('.objective__status')).toHaveText('Not reached');
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

  await test.step('Dutch: HQ adds a phenomenon objective in the editor and publishes version 2', async () => {
    await unwrap(backend.call('settings.update', { language: 'nl' }));
    await page.reload(); // the window reads its language when it opens
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await gotoView(page, 'settings');
    const section = page.locator('section.network-config');
    const editor = section.locator('.network-config__editor');
    const list = editor.getByRole('list', { name: 'Doelstellingen' });
    await expect(list.getByRole('listitem')).toHaveCount(4);
    await expect(list.locator('[data-objective="spain"]')).toContainText('Verzoeken uitgewisseld met Spanje');
    await expect(list.locator('[data-objective="spain"]')).toContainText(
      'Informatieverzoeken · Partnerland: Spanje · 1 jan – 30 sep 2026 · doel 3',
    );
    // The retention period published in version 1 is the one in force now.
    await expect(editor.locator('[data-retention="engagement"]').getByRole('cell').first()).toHaveText('1095 dagen');

    const form = await fillObjective(editor, 'nl', {
      labelEn: 'Cocaine results',
      labelNl: 'Resultaten cocaïne',
      metric: /^Operationele resultaten/,
      target: '2',
      scope: 'phenomenon',
    });
    await expect(form.getByLabel('Code')).toHaveValue('cocaine_results');
    await expect(form.getByTestId('objective-unit')).toHaveText('resultaten');
    await form.getByRole('button', { name: 'Doelstelling toevoegen' }).click();
    await expect(form.getByRole('alert')).toHaveText('Kies het fenomeen.');
    await shootEditor(page, 'objectives-editor-form-nl');
    await form.getByLabel('Fenomeen', { exact: true }).selectOption('cocaine');
    await form.getByRole('button', { name: 'Doelstelling toevoegen' }).click();
    await expect(form).toBeHidden();

    const changes = editor.getByRole('region', { name: 'Wat versie 2 verandert' });
    await expect(changes).toContainText('Vergeleken met versie 1, de laatst gepubliceerde.');
    await expect(changes.locator('[data-change="added"]')).toContainText('Nieuw 1');
    await expect(changes.locator('[data-change="added"]')).toContainText('Resultaten cocaïne · doel 2');
    await expect(changes.locator('[data-changes="retention"]')).toContainText('Geen wijziging');
    await shootEditor(page, 'objectives-editor-nl');
    await section.getByRole('button', { name: 'Versie 2 publiceren' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Versie 2 gepubliceerd' })).toBeVisible();
  });

  await test.step('Dutch: the progress in Dutch, the phenomenon objective with it', async () => {
    await gotoView(page, 'dashboards');
    const panel = page.getByRole('region', { name: 'Doelstellingen', exact: true });
    await expect(panel).toContainText('gepubliceerde configuratieversie 2');
    const results = card(page, 'results');
    await expect(results.getByRole('heading', { level: 3 })).toHaveText('Operationele resultaten in het netwerk');
    await expect(results.locator('.objective__actual')).toHaveText('3 van 3');
    await expect(results.locator('.objective__status')).toHaveText('Behaald');
    const siena = card(page, 'siena');
    await expect(siena.locator('.objective__actual')).toHaveText('75% tegen een doel van 80% (3 van 4)');
    await expect(siena.locator('.objective__status')).toHaveText('Niet behaald');
    await expect(siena).toContainText('(het aandeel tot nu toe)');
    await expect(card(page, 'rba_results')).toContainText('Post: Rabat');
    await expect(card(page, 'spain').locator('.objective__actual')).toHaveText('2 van 3');
    const cocaine = card(page, 'cocaine_results');
    await expect(cocaine.getByRole('heading', { level: 3 })).toHaveText('Resultaten cocaïne');
    await expect(cocaine).toContainText('Operationele resultaten · Fenomeen: Cocaïne');
    await expect(cocaine.locator('.objective__actual')).toHaveText('2 van 2');
    await expect(cocaine.locator('.objective__status')).toHaveText('Behaald');
    await shootPanel(page, 'objectives-nl');
  });
});
