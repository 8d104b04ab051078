import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createBackend } from '../../electron/backend/create-backend';
import { callWithFiles } from '../../electron/files/trusted';
import { createNetworkConfig } from '../../electron/network-config/service';
import { DEFAULT_RETENTION } from '../../shared/retention/rules';
import { expect, openApp, test, unwrap } from './fixtures';
import { seedRequest } from './request-form';

// An officer applies HQ's new network configuration (issue 13, item 4), in English and in Dutch: HQ (a second
// backend in its own folder) adds a phenomenon and makes it a priority, publishes version 1; the post, which trusts
// HQ's key file, opens (Dutch) or drops (English) the file in Settings → Network configuration, sees the preview of
// what changes, applies it, and the new priority phenomenon is offered first in the record form and in the list's
// phenomenon filter. The same file again is refused with the translated message, and nothing changes.

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

const TEXT = {
  en: {
    settings: 'Settings',
    preview: 'What version 1 changes',
    apply: 'Apply version 1',
    applied: 'Version 1 applied.',
    captagon: 'Captagon',
    drugs: 'Drugs',
    added: 'Phenomena added',
    retired: 'Phenomena retired',
    twoRecords: '2 records',
    requests: 'Information requests',
    newRequest: 'New request',
    filter: 'Phenomenon',
    any: 'Any',
    addPhenomenon: 'Add a phenomenon…',
    again: 'Configuration version 1 is already applied. Nothing was changed.',
    objective: 'New: Captagon seizures',
    retention: 'Engagements: 1826 days → 1095 days',
  },
  nl: {
    settings: 'Instellingen',
    preview: 'Wat versie 1 verandert',
    apply: 'Versie 1 toepassen',
    applied: 'Versie 1 toegepast.',
    captagon: 'Captagon (NL)',
    drugs: 'Drugs',
    added: 'Fenomenen toegevoegd',
    retired: 'Fenomenen buiten gebruik',
    twoRecords: '2 records',
    requests: 'Informatieverzoeken',
    newRequest: 'Nieuw verzoek',
    filter: 'Fenomeen',
    any: 'Alle',
    addPhenomenon: 'Fenomeen toevoegen…',
    again: 'Configuratieversie 1 is al toegepast. Er is niets veranderd.',
    objective: 'Nieuw: Inbeslagnemingen captagon',
    retention: 'Contacten: 1826 dagen → 1095 dagen',
  },
} as const;

async function dropFile(page: Page, selector: string, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name: n, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], n));
      return transfer;
    },
    { name, data: [...bytes] },
  );
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

for (const lang of ['en', 'nl'] as const) {
  test(`an officer applies HQ's new configuration and the new priority phenomenon is offered first (${lang})`, async ({
    page,
    backend,
    fileChooser,
  }, testInfo) => {
    test.setTimeout(60_000);
    const tx = TEXT[lang];
    const hqDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-config-hq-'));
    const hq = createBackend({ dataDir: hqDir, version: 'e2e' });
    try {
      // --- HQ: a new phenomenon, made the first priority, published as version 1 ---
      await unwrap(hq.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
      await unwrap(
        hq.call('taxonomy.save', {
          taxonomy: 'phenomenon',
          code: 'captagon',
          labelEn: 'Captagon',
          labelNl: 'Captagon (NL)',
          parentCode: 'drugs',
          iccs: '',
        }),
      );
      // ...relabels one and retires another, which the post's records use.
      await unwrap(
        hq.call('taxonomy.save', {
          taxonomy: 'phenomenon',
          code: 'heroin',
          labelEn: 'Heroin and other opioids',
          labelNl: 'Heroïne en andere opioïden',
          parentCode: 'drugs',
          iccs: '',
        }),
      );
      await unwrap(hq.call('taxonomy.retire', { taxonomy: 'phenomenon', code: 'nps', retired: true }));
      const keyFile = testInfo.outputPath('liaison-log-hq-key.json');
      await unwrap(callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: keyFile }));
      const configFile = testInfo.outputPath('liaison-log-config-v1.llconfig');
      createNetworkConfig(hq.db, { now: () => new Date(), dataDir: hqDir }).publish({
        draft: {
          priorities: ['captagon'],
          calendar: [{ from: '2026-01-01', to: '2026-03-31', due: '2026-04-15' }],
          minimumLevel: 'pseudonymised',
          // One objective and one retention period: the post's preview names them.
          objectives: [
            {
              id: 'captagon_seizures',
              labelEn: 'Captagon seizures',
              labelNl: 'Inbeslagnemingen captagon',
              metric: 'results_count',
              resultKind: 'seizure',
              target: 4,
              scope: { type: 'phenomenon', code: 'captagon' },
              period: { from: '2026-01-01', to: '2026-12-31' },
            },
          ],
          retention: { ...DEFAULT_RETENTION, kinds: { ...DEFAULT_RETENTION.kinds, engagement: 1095 } },
          validDays: 365,
        },
        out: configFile,
      });

      // --- the post: set up, trusting HQ's key file (its signing key pinned) ---
      await unwrap(
        backend.call('identity.init', {
          role: 'post',
          postId: 'BOG',
          postName: 'Bogotá',
          officer: 'Jan de Vries',
          country: 'CO',
        }),
      );
      fileChooser.willOpen(keyFile);
      await unwrap(backend.call('keys.importHq', {}));
      for (const [subject, code] of [
        ['Synthetic cathinones by post', 'nps'],
        ['Spice shipment', 'nps'],
        ['Heroin courier', 'heroin'],
      ] as const) {
        await unwrap(backend.call('requests.create', seedRequest({ subject, phenomena: [code] })));
      }
      if (lang === 'nl') await unwrap(backend.call('settings.update', { language: 'nl' }));
      await openApp(page, backend);

      // Before: Captagon is not offered anywhere.
      await expect(
        page.getByRole('combobox', { name: tx.filter }).locator('option', { hasText: tx.captagon }),
      ).toHaveCount(0);

      // --- Settings → Network configuration: open (nl) or drop (en) the file, see the preview ---
      await page.goto('/#/settings');
      const section = page.locator('section.network-config');
      await expect(section).toBeVisible();
      const bytes = fs.readFileSync(configFile);
      if (lang === 'en')
        await dropFile(page, '[data-testid="network-config-drop"]', 'liaison-log-config-v1.llconfig', bytes);
      else await section.locator('input[type="file"]').setInputFiles(configFile);
      const preview = section.locator('.network-config__preview');
      await expect(preview.getByRole('heading', { name: tx.preview })).toBeVisible();
      await expect(preview.locator('.network-config__group', { hasText: tx.added })).toContainText(tx.captagon);
      await expect(preview.locator('.network-config__group', { hasText: tx.retired })).toContainText(tx.twoRecords);
      await expect(preview.getByTestId('preview-objectives')).toHaveText(tx.objective);
      await expect(preview.getByText(tx.retention)).toBeVisible();
      await preview.scrollIntoViewIfNeeded();
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await preview.screenshot({ path: path.join(SCREENSHOTS, `network-config-preview-${lang}.png`) });

      await preview.getByRole('button', { name: tx.apply }).click();
      await expect(section.getByRole('status').filter({ hasText: tx.applied })).toBeVisible();
      expect((await unwrap(backend.call('networkConfig.status', {}))).current?.priorities).toEqual(['captagon']);

      // The same file again: refused, translated, nothing changed.
      await section.locator('input[type="file"]').setInputFiles(configFile);
      await expect(section.getByRole('alert')).toContainText(tx.again);

      // --- the filters and the form offer the priority first ---
      await page.goto('/#/requests');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(tx.requests);
      const filter = page.getByRole('combobox', { name: tx.filter });
      const options = await filter.locator('option').allTextContents();
      // A priority is marked ★ where a phenomenon is picked (ui/PhenomenonOption.tsx).
      const marked = `${tx.captagon} ★`;
      expect(options.slice(0, 3).map((o) => o.trim())).toEqual([tx.any, tx.drugs, marked]);
      await filter.selectOption({ label: marked });

      await page.getByRole('button', { name: tx.newRequest }).click();
      const add = page.locator('select', { has: page.locator('option', { hasText: tx.addPhenomenon }) });
      await expect(add).toBeVisible();
      const firstGroup = add.locator('optgroup').first();
      await expect(firstGroup).toHaveAttribute('label', tx.drugs);
      // The group offers itself first, then its members: the priority first among them.
      await expect(firstGroup.locator('option').nth(0)).toHaveText(tx.drugs);
      await expect(firstGroup.locator('option').nth(1)).toHaveText(marked);
      await add.selectOption({ label: marked });
      await expect(page.locator('.chip', { hasText: tx.captagon })).toBeVisible();
    } finally {
      hq.close();
      fs.rmSync(hqDir, { recursive: true, force: true });
    }
  });
}

test('HQ publishes the next version from Settings: the priority it ticks is in the file it writes', async ({
  page,
  backend,
}) => {
  await unwrap(backend.call('identity.init', { role: 'hq', hqName: 'International Police Cooperation Desk' }));
  await openApp(page, backend);
  await page.goto('/#/settings');
  const section = page.locator('section.network-config');
  await expect(section.getByText('Nothing published yet.')).toBeVisible();
  // HQ's signing key is shown for the posts' phone check.
  await expect(section.locator('.network-config__fingerprint')).toHaveText(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);
  await section.getByRole('checkbox', { name: 'Cocaine' }).check();
  await section.getByRole('combobox', { name: 'Minimum export level' }).selectOption('pseudonymised');
  await section.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Version 1 published' })).toBeVisible();
  await expect(section.getByText('Version 1 from International Police Cooperation Desk')).toBeVisible();
  const status = await unwrap(backend.call('networkConfig.status', {}));
  expect(status.current).toMatchObject({ version: 1, priorities: ['cocaine'], minimumLevel: 'pseudonymised' });
  const file = JSON.parse(fs.readFileSync(status.current?.file ?? '', 'utf8')) as { payload: string };
  expect(JSON.parse(file.payload)).toMatchObject({ version: 1, priorities: ['cocaine'] });
});
