import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { generateDemo, type DemoSummary } from '../../../electron/demo/generate';
import { expect, withSecondBackend, type TestBackend } from '../fixtures';

// Helpers shared by the logbook specs: how a user sees the record pages (English labels unless stated),
// demo data, axe-core and screenshots.

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

/** Demo data with a fixed seed and end date, so every run holds the same records. */
export const DEMO_UNTIL = new Date('2026-11-20T12:00:00.000Z');

export function seedDemo(backend: TestBackend, records = 300): Promise<DemoSummary> {
  // Bulk data goes in through a second connection, behind the backend process's back, as a fast seed.
  return withSecondBackend(backend.dataDir, (second) =>
    generateDemo(second.db, second.services.store, { records, seed: 42, until: DEMO_UNTIL }),
  );
}

/** An ISO instant `days` days before (negative: after) now. */
export function daysAgo(days: number, from = new Date()): string {
  return new Date(from.getTime() - days * 86_400_000).toISOString();
}

/** Goes to a view (and optionally a record) by its address, as a bookmark or reload would. */
export async function gotoView(page: Page, view: string, id?: string): Promise<void> {
  await page.goto(`/#/${view}${id ? `/${id}` : ''}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** The generic list-beside-form page of one kind of record. */
export function recordPage(page: Page) {
  const form = page.getByRole('form');
  // The list beside the form (the form holds lists of its own: chips of linked records and phenomena).
  const list = page.locator('.split__list').getByRole('list');
  const related = page.getByRole('region', { name: 'Related' });
  return {
    heading: page.getByRole('heading', { level: 1 }),
    list,
    count: page.locator('.filters__count'),
    search: page.getByRole('searchbox', { name: 'Search', exact: true }),
    clearFilters: page.getByRole('button', { name: 'Clear filters' }),
    /** A filter's select or date field, by its label. */
    filter: (name: string) =>
      page
        .getByRole('search')
        .getByRole('combobox', { name, exact: true })
        .or(page.getByRole('search').getByRole('textbox', { name, exact: true })),
    form,
    formTitle: form.getByRole('heading', { level: 2 }),
    notice: form.getByRole('status'),
    saveButton: form.getByRole('button', { name: /^Save / }),
    deleteButton: form.getByRole('button', { name: 'Move to trash' }),
    /** The list entry (a button) whose text contains `text`. */
    row: (text: string): Locator => list.getByRole('button').filter({ hasText: text }),
    rows: list.getByRole('button'),
    related,
    linkedTab: related.getByRole('tab', { name: 'Linked records' }),
    historyTab: related.getByRole('tab', { name: 'History' }),
    tabPanel: related.getByRole('tabpanel'),
  };
}

/**
 * Links a record through a RecordLinksField: types in its search box, waits for the match and picks it.
 * `label` is the field's label, `query` what to type, `match` the title of the record to pick.
 */
export async function linkRecord(form: Locator, label: string, query: string, match: string): Promise<void> {
  const box = form.getByRole('searchbox', { name: label, exact: true });
  await box.fill(query);
  const option = form.getByRole('list', { name: 'Matching records' }).getByRole('button', { name: match, exact: true });
  await option.click();
  // The pick shows as a chip with a remove button, and the search box is emptied (or gone, for a single link).
  await expect(
    form.getByRole('list', { name: label, exact: true }).getByRole('button', { name: `Remove ${match}`, exact: true }),
  ).toBeVisible();
}

/** Runs axe-core on the page; prints every violation, and fails (softly) on serious or critical ones. */
export async function audit(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, `axe checked a real page (${state})`).toBeGreaterThan(10);
  const describe = (v: (typeof results.violations)[number]) =>
    `${v.id} [${v.impact}] ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n');
  if (results.violations.length > 0) {
    const text = results.violations.map(describe).join('\n');
    console.log(`axe (${state}):\n${text}`);
    await testInfo.attach(`axe-${state}.txt`, { body: text, contentType: 'text/plain' });
  }
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect.soft(blocking.map(describe), `serious or critical axe violations (${state})`).toEqual([]);
}

/** Saves test-results/screenshots/logbook-<screen>-<lang>.png. */
export async function shoot(page: Page, screen: string, lang: string): Promise<void> {
  // A date field's highlighted segment only distracts; other focus stays where the test left it.
  await page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLInputElement && el.type.startsWith('date')) el.blur();
  });
  await page.screenshot({
    path: path.join(SCREENSHOTS, `logbook-${screen}-${lang}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** Presses Tab until `target` has focus; fails if it takes more than `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 10): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${String(target)} was not reached with ${max} presses of Tab`);
}

/** The "N records" line above a list (which may be followed by "Clear filters"). */
export function countOf(n: number, word = 'record'): RegExp {
  const formatted = new Intl.NumberFormat('en-GB').format(n);
  return new RegExp(`^${formatted} ${word}s?(?![a-z])`);
}
