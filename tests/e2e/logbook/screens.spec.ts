import type { Page, TestInfo } from '@playwright/test';
import type { TestBackend as Backend } from '../fixtures';
import { expect, test, unwrap } from '../fixtures';
import { audit, gotoView, seedDemo, shoot } from './helpers';

// Every screen of the logbook, with demo data and a record open, in English and in Dutch: axe-core on each
// (serious and critical violations fail the test, everything found is printed), and a screenshot of each in
// test-results/screenshots/logbook-<screen>-<lang>.png for people to look at.

type Lang = 'en' | 'nl';

const T = {
  en: {
    title: {
      attention: 'Needs attention',
      overview: 'Overview',
      engagements: 'Engagements',
      requests: 'Information requests',
      results: 'Results',
      organisations: 'Organisations',
      people: 'People',
      cases: 'Cases and operations',
      trash: 'Trash',
      settings: 'Settings',
    },
    linked: 'Linked records',
    loading: 'Loading…',
    trashCount: '1 record in the trash',
    palette: 'Search and commands',
    found: /^\d+ records? found\.$/,
    newRequest: 'New request',
    saveRequest: 'Save request',
    agency: 'Counterpart agency',
    subject: 'Subject',
    fixErrors: /^Please correct the \d+ highlighted fields\.$/,
    overviewShowing: /^Figures for /,
  },
  nl: {
    title: {
      attention: 'Aandacht nodig',
      overview: 'Overzicht',
      engagements: 'Contacten',
      requests: 'Informatieverzoeken',
      results: 'Resultaten',
      organisations: 'Organisaties',
      people: 'Personen',
      cases: 'Zaken en operaties',
      trash: 'Prullenbak',
      settings: 'Instellingen',
    },
    linked: 'Gekoppelde records',
    loading: 'Laden…',
    trashCount: '1 record in de prullenbak',
    palette: 'Zoeken en opdrachten',
    found: /^\d+ records? gevonden\.$/,
    newRequest: 'Nieuw verzoek',
    saveRequest: 'Verzoek opslaan',
    agency: 'Partnerdienst',
    subject: 'Onderwerp',
    fixErrors: /^Verbeter de \d+ gemarkeerde velden\.$/,
    overviewShowing: /^Cijfers over /,
  },
} as const;

const RECORD_VIEWS = ['engagements', 'requests', 'results', 'organisations', 'people', 'cases'] as const;

async function seed(backend: Backend, lang: Lang): Promise<void> {
  await seedDemo(backend, 300);
  await unwrap(backend.call('settings.update', { language: lang, postName: 'Liaison post Bogotá' }));
  // One record in the trash.
  const { items } = await unwrap(backend.call('requests.list', { sort: 'oldest', limit: 1 }));
  await unwrap(backend.call('requests.delete', { id: items[0]!.id }));
}

/** Checks and photographs the page as it is now. */
async function check(page: Page, testInfo: TestInfo, screen: string, lang: Lang): Promise<void> {
  await audit(page, testInfo, `${screen}-${lang}`);
  await shoot(page, screen, lang);
}

for (const lang of ['en', 'nl'] as const) {
  const t = T[lang];

  test.describe(`every screen in ${lang === 'en' ? 'English' : 'Dutch'}`, () => {
    // Tall enough to show a whole form: the app scrolls inside its own panels.
    test.use({ viewport: { width: 1280, height: 1400 } });

    test(`record pages with a record open (${lang})`, async ({ page, backend }, testInfo) => {
      test.slow(); // six axe runs on a two-core machine
      await seed(backend, lang);
      for (const view of RECORD_VIEWS) {
        await gotoView(page, view);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title[view]);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const rows = page.locator('.split__list').getByRole('list').getByRole('button');
        // The first record in the list, with what is linked to it.
        await rows.first().click();
        const form = page.getByRole('form');
        await expect(form.getByRole('heading', { level: 2 })).toBeVisible();
        await expect(rows.first()).toHaveAttribute('aria-current', 'true');
        const related = page.locator('.detail__related');
        await expect(related.getByRole('tab', { name: t.linked })).toHaveAttribute('aria-selected', 'true');
        await expect(related.getByRole('tabpanel')).not.toHaveText(t.loading);
        await check(page, testInfo, view, lang);
      }
    });

    test(`pages, the palette and a form with errors (${lang})`, async ({ page, backend }, testInfo) => {
      test.slow();
      await seed(backend, lang);

      await gotoView(page, 'attention');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title.attention);
      await expect(page.locator('.attention__grid')).toBeVisible();
      await expect(page.locator('.attention__grid')).toHaveAttribute('aria-busy', 'false');
      await check(page, testInfo, 'attention', lang);

      await gotoView(page, 'overview');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title.overview);
      await expect(page.locator('.figures-body')).toHaveAttribute('aria-busy', 'false');
      await expect(page.locator('.figures-showing')).toHaveText(t.overviewShowing);
      await check(page, testInfo, 'overview', lang);

      await gotoView(page, 'trash');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title.trash);
      await expect(page.getByText(t.trashCount)).toBeVisible();
      await check(page, testInfo, 'trash', lang);

      await gotoView(page, 'settings');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title.settings);
      await expect(page.getByRole('main').getByRole('combobox').first()).toBeVisible();
      await check(page, testInfo, 'settings', lang);

      await gotoView(page, 'requests');
      await page.keyboard.press('Control+k');
      const palette = page.getByRole('dialog', { name: t.palette });
      await palette.getByRole('combobox').fill('operation');
      await expect(palette.getByRole('status')).toHaveText(t.found);
      await check(page, testInfo, 'palette', lang);
      await page.keyboard.press('Escape');
      await expect(palette).toBeHidden();

      await page.getByRole('button', { name: t.newRequest }).click();
      const form = page.getByRole('form');
      await form.getByLabel(t.agency).fill('');
      await form.getByLabel(t.subject, { exact: true }).fill('');
      await form.getByRole('button', { name: t.saveRequest }).click();
      await expect(form.getByRole('alert').first()).toHaveText(t.fixErrors);
      await check(page, testInfo, 'form-errors', lang);
    });
  });
}
