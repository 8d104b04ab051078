import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test, unwrap, type TestBackend } from './fixtures';
import { buildNetwork, SCREENSHOTS } from './hq-helpers';
import { seedDemo } from './logbook/helpers';
import { NL_MESSAGES } from '../../renderer/src/i18n/messages';
import { CATALOGUE_EN, CATALOGUE_NL } from './screen-walk-catalogue';
import { allStrings, englishOnly, englishOnScreen, overflowOnScreen } from './screen-walk';

// Every screen, in Dutch and in English, at the two window sizes an officer's laptop gives: a Dutch screen shows
// no English sentence from the app's own catalogue, and no screen spills sideways or cuts its text off.

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

const ENGLISH = englishOnly(CATALOGUE_EN, CATALOGUE_NL);
const DUTCH = allStrings(CATALOGUE_NL);

interface Screen {
  name: string;
  /** Goes there (from anywhere) and waits until it shows what it will show. */
  open: (page: Page) => Promise<void>;
}

async function view(page: Page, hash: string): Promise<void> {
  await page.goto(`/#/${hash}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Lists and figures load after the heading: wait until nothing on the page is busy.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

function viewScreen(hash: string): Screen {
  return { name: hash.replace(/\//g, '-'), open: (page) => view(page, hash) };
}

/** The first record of a list, opened. */
function firstRecord(kind: string): Screen {
  return {
    name: `${kind}-record`,
    open: async (page) => {
      await view(page, kind);
      await page.locator('main ul[aria-label] li button').first().click();
      await expect(page.getByRole('form')).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    },
  };
}

const RECORD_KINDS = ['requests', 'engagements', 'results', 'organisations', 'people', 'cases'] as const;

const POST_SCREENS: Screen[] = [
  viewScreen('attention'),
  viewScreen('overview'),
  viewScreen('dashboards'),
  viewScreen('reports'),
  ...RECORD_KINDS.flatMap((kind) => [viewScreen(kind), viewScreen(`${kind}/new`), firstRecord(kind)]),
  {
    name: 'requests-new-incoming-directive',
    open: async (page) => {
      await view(page, 'requests/new');
      // An EU partner on SIENA: the Directive box with its urgency and accessibility choices.
      const form = page.getByRole('form');
      await form.locator('select[name="counterpartCountry"], input[name="counterpartCountry"]').first().focus();
      await page.keyboard.type('Spain');
      await form.locator('select[name="channel"]').selectOption('siena');
    },
  },
  viewScreen('trash'),
  viewScreen('exchange'),
  viewScreen('settings'),
];

const HQ_SCREENS: Screen[] = [
  viewScreen('exchange'),
  viewScreen('overview'),
  viewScreen('dashboards'),
  viewScreen('reports'),
  viewScreen('requests'),
  firstRecord('requests'),
  firstRecord('engagements'),
  viewScreen('settings'),
];

async function setLanguage(backend: Pick<TestBackend, 'call'>, language: 'en' | 'nl'): Promise<void> {
  await unwrap(backend.call('settings.update', { language }));
}

async function walk(page: Page, backend: Pick<TestBackend, 'call'>, screens: Screen[], role: string): Promise<void> {
  const problems: string[] = [];
  for (const language of ['nl', 'en'] as const) {
    await setLanguage(backend, language);
    await page.goto('about:blank'); // a fresh load, which reads the saved language
    await openApp(page, backend);
    for (const screen of screens) {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screen.open(page);
        const where = `${role} ${screen.name} (${language}, ${size.width}x${size.height})`;
        if (language === 'nl') {
          for (const text of await englishOnScreen(page, ENGLISH, DUTCH)) problems.push(`${where}: English ${text}`);
        }
        for (const spill of await overflowOnScreen(page)) problems.push(`${where}: ${spill}`);
        if (size.width === 1024) {
          await page.screenshot({ path: path.join(SCREENSHOTS, `walk-${role}-${screen.name}-${language}.png`) });
        }
      }
    }
  }
  expect(problems, 'Dutch screens without English, and no screen spilling sideways').toEqual([]);
}

test.describe('every screen in both languages at 1280x800 and 1024x768', () => {
  test.beforeAll(() => fs.mkdirSync(SCREENSHOTS, { recursive: true }));

  test('at a post', async ({ page, backend }) => {
    test.slow(); // about twenty screens, two languages, two sizes
    await seedDemo(backend, 200);
    await walk(page, backend, POST_SCREENS, 'post');
  });

  test('at headquarters, with the posts’ bundles imported', async ({ page, backend, fileChooser }, testInfo) => {
    test.slow();
    const bundles = await buildNetwork(backend, fileChooser);
    const paths = bundles.map((b) => {
      const file = testInfo.outputPath('bundles', b.name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, b.bytes);
      return file;
    });
    // And one file that is no bundle: the import report then gives a reason, which must be Dutch too.
    const junk = testInfo.outputPath('bundles', 'notes.llbundle');
    fs.writeFileSync(junk, 'not a bundle');
    fileChooser.willOpen(...paths, junk);
    await openApp(page, backend);
    await view(page, 'exchange');
    await page
      .locator('main button')
      .filter({ hasText: /import…$/ })
      .first()
      .click();
    await expect(page.locator('.exchange-totals')).toContainText('4 imported, 0 already imported, 1 rejected');
    await walk(page, backend, HQ_SCREENS, 'hq');

    // The import report in Dutch: the rejected file's reason and what exactly is wrong come from the backend by
    // code (shared/contract/messages.ts) and are worded here, not in the backend's English.
    await setLanguage(backend, 'nl');
    await page.goto('about:blank');
    await openApp(page, backend);
    await page.setViewportSize(SIZES[1]);
    await view(page, 'exchange');
    fileChooser.willOpen(junk);
    await page
      .locator('main button')
      .filter({ hasText: /importeren…$/ })
      .first()
      .click();
    await expect(page.locator('.exchange-totals')).toContainText(
      '0 geïmporteerd, 0 al eerder geïmporteerd, 1 geweigerd',
    );
    const row = page.locator('tr.is-rejected');
    await expect(row.locator('.exchange-reason')).toHaveText(NL_MESSAGES['import.reason.not_a_bundle']);
    await expect(row.locator('.exchange-message')).toHaveText(NL_MESSAGES['import.not_a_bundle.not_age']);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'walk-hq-import-rejected-nl.png') });
    expect(await englishOnScreen(page, ENGLISH, DUTCH), 'the import report in Dutch').toEqual([]);
    expect(await overflowOnScreen(page), 'the import report at 1024').toEqual([]);
  });
});
