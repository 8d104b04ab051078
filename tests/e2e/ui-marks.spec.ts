import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createBackend } from '../../electron/backend/create-backend';
import { callWithFiles } from '../../electron/files/trusted';
import { createNetworkConfig } from '../../electron/network-config/service';
import type { TestFileChooser } from './file-dialogs';
import { expect, openApp, test, unwrap, type TestBackend } from './fixtures';
import { SCREENSHOTS } from './hq-helpers';

// Small marks and labels, in English and Dutch, at the narrower laptop window (1024x768): HQ's priority phenomena
// carry ★ with a spoken "priority" in the list's phenomenon filter and in the form's phenomenon picker (as in the
// configuration preview and the Taxonomy settings); the main menu's longest label and the efficiency page's link
// to the work plan each stay on one line.

const WORDS = {
  en: {
    filter: 'Phenomenon',
    addPhenomenon: 'Add a phenomenon…',
    newRequest: 'New request',
    drugs: 'Drugs',
    sheetImport: 'Import from a spreadsheet',
    workplan: 'Work plan',
    priority: 'priority',
  },
  nl: {
    filter: 'Fenomeen',
    addPhenomenon: 'Fenomeen toevoegen…',
    newRequest: 'Nieuw verzoek',
    drugs: 'Drugs',
    sheetImport: 'Importeren uit een spreadsheet',
    workplan: 'Jaarplan',
    priority: 'prioriteit',
  },
} as const;

/** HQ publishes `drugs` as its priority; the post trusts HQ's key file and applies the configuration. */
async function applyPriority(backend: TestBackend, fileChooser: TestFileChooser): Promise<void> {
  const hqDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-marks-hq-'));
  const hq = createBackend({ dataDir: hqDir, version: 'e2e' });
  try {
    await unwrap(hq.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
    const out = path.join(hqDir, 'config-v1.llconfig');
    createNetworkConfig(hq.db, { now: () => new Date(), dataDir: hqDir }).publish({
      draft: { priorities: ['drugs'], calendar: [], minimumLevel: 'pseudonymised', objectives: [], validDays: 365 },
      out,
    });
    const keyFile = path.join(hqDir, 'hq-key.json');
    await unwrap(callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: keyFile }));
    await unwrap(
      backend.call('identity.init', { role: 'post', postId: 'BOG', postName: 'Bogotá', officer: 'Jan de Vries' }),
    );
    fileChooser.willOpen(keyFile);
    await unwrap(backend.call('keys.importHq', {}));
    const bytes = new Uint8Array(fs.readFileSync(out));
    await unwrap(backend.call('networkConfig.apply', { bytes, dryRun: false }));
  } finally {
    hq.close();
    fs.rmSync(hqDir, { recursive: true, force: true });
  }
}

/** How many lines of text an element's content takes. */
async function lines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return tops.size;
  });
}

/** Whether an element's content fits inside it (nothing spills past its edge). */
async function fits(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
}

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

for (const lang of ['en', 'nl'] as const) {
  test(`priority phenomena are marked ★ in the filter and the picker; menu and links on one line (${lang})`, async ({
    page,
    backend,
    fileChooser,
  }) => {
    test.setTimeout(90_000);
    const w = WORDS[lang];
    await applyPriority(backend, fileChooser);
    if (lang === 'nl') await unwrap(backend.call('settings.update', { language: 'nl' }));
    await page.setViewportSize({ width: 1024, height: 768 });
    await openApp(page, backend);

    // The main menu: the longest label on one line.
    const menuItem = page.locator('nav.sidebar').getByRole('link', { name: w.sheetImport });
    await expect(menuItem).toBeVisible();
    await shoot(page, `marks-menu-${lang}`);
    expect.soft(await lines(menuItem), 'the menu label on one line').toBe(1);
    expect.soft(await fits(menuItem), 'the menu label inside the menu').toBe(true);

    // The list's phenomenon filter: the priority marked, and named as one.
    const filter = page.getByRole('combobox', { name: w.filter });
    const marked = filter.locator('option[value="drugs"]');
    await expect.soft(marked).toHaveText(`${w.drugs} ★`);
    await expect.soft(marked).toHaveAttribute('aria-label', `${w.drugs} (${w.priority})`);
    await expect.soft(filter.locator('option[value="cocaine"]')).not.toContainText('★');
    await filter.selectOption('drugs');
    await shoot(page, `marks-filter-${lang}`);

    // The form's phenomenon picker: the group of the priority (offered first) and its chip.
    await page.getByRole('button', { name: w.newRequest }).click();
    const add = page.locator('select', { has: page.locator('option', { hasText: w.addPhenomenon }) });
    await expect(add).toBeVisible();
    const option = add.locator('option[value="drugs"]');
    await expect.soft(option).toHaveText(`${w.drugs} ★`);
    await expect.soft(option).toHaveAttribute('aria-label', `${w.drugs} (${w.priority})`);
    await expect.soft(add.locator('optgroup').first()).toHaveAttribute('label', `${w.drugs} ★`);
    await add.selectOption('drugs');
    const chip = page.locator('.chip', { hasText: w.drugs });
    await expect.soft(chip).toContainText('★');
    await expect.soft(chip.locator('.visually-hidden')).toHaveText(w.priority);
    await chip.scrollIntoViewIfNeeded();
    await shoot(page, `marks-picker-${lang}`);

    // The efficiency page: the link to the work plan on one line.
    await page.goto('/#/efficiency');
    const link = page.locator('main .page__header a', { hasText: w.workplan });
    await expect(link).toBeVisible();
    await shoot(page, `marks-efficiency-${lang}`);
    expect.soft(await lines(link), 'the work plan link on one line').toBe(1);
    expect.soft(await fits(link), 'the work plan link inside its button').toBe(true);
  });
}

// The pieces the efficiency and work-plan pages share (ui/YearField.tsx, ui/SmallForm.tsx, ui/PageHeader.tsx), used
// as an officer does: another year, a budget refused then saved, an activity added to the plan.
test('the year field, the small forms and their outcome line on the efficiency and work-plan pages', async ({
  page,
  backend,
}) => {
  test.setTimeout(90_000);
  const year = new Date().getFullYear();
  await openApp(page, backend);

  await page.goto('/#/efficiency');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Efficiency');
  await page
    .locator('.efficiency-controls')
    .getByLabel('Year')
    .fill(String(year - 1));
  await expect(page.getByText(`Nothing recorded for ${year - 1}.`)).toBeVisible();
  const budgets = page.locator('section.efficiency-budgets');
  await budgets.getByLabel('Year').fill(String(year - 1));
  await budgets.getByLabel('Budget (EUR)').fill('120000');
  await budgets.getByLabel('Staffing (FTE)').fill('one and a half');
  await budgets.getByRole('button', { name: 'Save year' }).click();
  await expect(budgets.getByRole('alert')).toHaveText('Enter the staffing as a number, for example 1.5.');
  await budgets.getByLabel('Staffing (FTE)').fill('1,5');
  await budgets.getByRole('button', { name: 'Save year' }).click();
  await expect(budgets.locator('.notice')).toHaveText(`Budget for ${year - 1} saved.`);
  await expect(budgets.getByRole('alert')).toHaveCount(0);
  await expect(budgets.getByTestId('budgets').locator('tbody tr')).toHaveText([new RegExp(`^${year - 1}`)]);

  await page.locator('main .page__header').getByRole('link', { name: 'Work plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Work plan');
  await expect(page.getByText(`No activities planned for ${year}.`)).toBeVisible();
  const add = page.locator('section.workplan-add');
  await add.getByLabel('Activity').fill('Joint training with the partner');
  await add.getByLabel('How many times in the year').fill('0');
  await add.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(add.getByRole('alert')).toHaveText('Enter a whole number from 1 to 1000.');
  await add.getByLabel('How many times in the year').fill('2');
  await add.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(add.locator('.notice')).toHaveText('Added to the plan.');
  await expect(
    page.locator('[data-testid="workplan-table"] tr[data-activity="Joint training with the partner"]'),
  ).toBeVisible();
});
