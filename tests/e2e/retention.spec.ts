import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../electron/backend/create-backend';
import { unwrapWithPassphrase } from '../../electron/vault/vault';
import type { PersonData } from '../../shared/retention/schema';
import { expect, test, TEST_PASSPHRASE, TEST_WORK_FACTOR, unwrap, type TestBackend } from './fixtures';
import { SCREENSHOTS } from './session-screens';

// Retention and data-subject duties in the browser (issue 13, item 5), in English and Dutch, on a real encrypted
// session: the officer sees the records past their retention period (also in Needs attention), confirms, and
// they are gone; a person's data is shown, saved as a file, and the person erased across records.
// Time passing is played by a second connection to the same folder writing the records with a clock three years
// back (the records' own timestamps; nothing else is touched).

const THREE_YEARS = 3 * 365 * 86_400_000;
const NAME = 'Oriane Castelfranc';

interface Seeded {
  person: string;
  engagement: string;
  request: string;
  mentioning: string;
}

async function seedOld(backend: TestBackend): Promise<Seeded> {
  const { key } = await unwrapWithPassphrase(
    { dataDir: backend.dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
    TEST_PASSPHRASE,
  );
  let now = new Date(Date.now() - THREE_YEARS);
  const second = createBackend({ dataDir: backend.dataDir, key, version: 'e2e', now: () => now });
  key.fill(0);
  try {
    const org = await unwrap(
      second.call('organisations.create', { name: 'Policía Nacional', country: 'ES', type: 'police' }),
    );
    const person = await unwrap(
      second.call('people.create', { name: NAME, organisationId: org.id, notes: 'Met at the harbour office' }),
    );
    const engagement = await unwrap(
      second.call('engagements.create', {
        occurredAt: new Date(Date.now() - THREE_YEARS - 86_400_000).toISOString(),
        kind: 'meeting',
        subject: 'Harbour liaison meeting',
        purpose: 'operational',
        organisationIds: [org.id],
        personIds: [person.id],
        notes: 'Discussed the container route',
      }),
    );
    now = new Date();
    const request = await unwrap(
      second.call('requests.create', {
        direction: 'incoming',
        counterpartCountry: 'ES',
        counterpartAgency: 'Policía Nacional',
        channel: 'siena',
        exchangedAt: new Date(Date.now() - 86_400_000).toISOString(),
        subject: 'Vehicle check',
        status: 'open',
      }),
    );
    const mentioning = await unwrap(
      second.call('requests.create', {
        direction: 'outgoing',
        counterpartCountry: 'ES',
        counterpartAgency: 'Policía Nacional',
        channel: 'siena',
        exchangedAt: new Date(Date.now() - 86_400_000).toISOString(),
        subject: `Address of ${NAME}`,
        status: 'open',
      }),
    );
    return { person: person.id, engagement: engagement.id, request: request.id, mentioning: mentioning.id };
  } finally {
    second.close();
  }
}

const LANGUAGES = [
  {
    language: 'en',
    attention: /1 record is past its retention period/,
    review: 'Review and purge',
    heading: 'Due for purge',
    purge: 'Purge selected…',
    submit: 'Purge for good',
    done: /Purged 1 records; personal data removed from 1/,
    none: 'Nothing is past its retention period.',
    open: 'Everything about this person (data-protection request)',
    saveJson: 'Save as JSON…',
    saved: /^Saved to /,
    redact: `Replace the name in “Address of ${NAME}”`,
    erase: 'Erase this person…',
    eraseSubmit: 'Erase for good',
    erased: /The person was erased: links removed from 1 records, the name replaced in 1/,
    emptyTrash: 'Empty the trash…',
    emptySubmit: 'Remove for good',
    emptied: '2 records removed for good.',
    trashEmpty: 'The trash is empty.',
  },
  {
    language: 'nl',
    attention: /Van 1 record is de bewaartermijn verstreken/,
    review: 'Bekijken en verwijderen',
    heading: 'Te verwijderen',
    purge: 'Selectie definitief verwijderen…',
    submit: 'Definitief verwijderen',
    done: /1 records definitief verwijderd; persoonsgegevens gewist uit 1/,
    none: 'Van niets is de bewaartermijn verstreken.',
    open: 'Alles over deze persoon (verzoek gegevensbescherming)',
    saveJson: 'Opslaan als JSON…',
    saved: /^Opgeslagen in /,
    redact: `De naam vervangen in “Address of ${NAME}”`,
    erase: 'Deze persoon wissen…',
    eraseSubmit: 'Definitief wissen',
    erased: /De persoon is gewist: koppelingen verwijderd uit 1 records, de naam vervangen in 1/,
    emptyTrash: 'Prullenbak legen…',
    emptySubmit: 'Definitief verwijderen',
    emptied: '2 records definitief verwijderd.',
    trashEmpty: 'De prullenbak is leeg.',
  },
] as const;

for (const L of LANGUAGES) {
  test.describe(`retention (${L.language})`, () => {
    test('the officer sees records past retention, confirms, and they are gone', async ({ page, backend }) => {
      const seeded = await seedOld(backend);
      await unwrap(backend.call('settings.update', { language: L.language }));

      await page.goto('/#/attention');
      const reminder = page.getByTestId('retention-reminder');
      await expect(reminder).toContainText(L.attention);
      await reminder.getByRole('link', { name: L.review }).click();
      await expect(page.getByRole('heading', { name: L.heading })).toBeVisible();

      const records = page.getByTestId('due-records');
      await expect(records.getByRole('row')).toHaveCount(2); // the header and the person
      await expect(records).toContainText(NAME);
      await expect(page.getByTestId('due-personal')).toContainText('Harbour liaison meeting');
      await expect(records).not.toContainText('Vehicle check');
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `retention-${L.language}.png`),
        fullPage: true,
        animations: 'disabled',
      });

      await page.getByRole('button', { name: L.purge }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await page.screenshot({
        path: path.join(SCREENSHOTS, `retention-confirm-${L.language}.png`),
        animations: 'disabled',
      });
      await page.getByRole('alertdialog').getByRole('button', { name: L.submit }).click();
      await expect(page.getByTestId('retention-status')).toHaveText(L.done);
      await expect(page.getByText(L.none)).toBeVisible();

      // Gone for good: the person does not exist; the engagement stays, without notes or the link.
      const gone = await backend.call('people.get', { id: seeded.person });
      expect(gone.ok).toBe(false);
      const engagement = await unwrap(backend.call('engagements.get', { id: seeded.engagement }));
      expect(engagement).toMatchObject({ notes: '', personIds: [] });
      await unwrap(backend.call('requests.get', { id: seeded.request }));
    });

    test("a person's data is shown and saved, then the person is erased", async ({ page, backend, fileChooser }) => {
      const seeded = await seedOld(backend);
      await unwrap(backend.call('settings.update', { language: L.language }));

      await page.goto(`/#/people/${seeded.person}`);
      await page.getByRole('link', { name: L.open }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText(NAME, { exact: true })).toBeVisible();
      await expect(page.getByTestId('mentions')).toContainText(`Address of ${NAME}`);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-person-'));
      try {
        const file = path.join(dir, 'person.json');
        fileChooser.willSave(file);
        await page.getByRole('button', { name: L.saveJson }).click();
        await expect(page.getByTestId('person-status')).toHaveText(L.saved);
        const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as PersonData;
        expect(saved.person.name).toBe(NAME);
        expect(saved.linked.map((r) => r.id)).toEqual([seeded.engagement]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      await page.screenshot({
        path: path.join(SCREENSHOTS, `person-data-${L.language}.png`),
        fullPage: true,
        animations: 'disabled',
      });

      await page.getByRole('checkbox', { name: L.redact }).check();
      await page.getByRole('button', { name: L.erase }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: L.eraseSubmit }).click();
      await expect(page.getByTestId('person-status')).toHaveText(L.erased);

      expect((await backend.call('people.get', { id: seeded.person })).ok).toBe(false);
      const request = await unwrap(backend.call('requests.get', { id: seeded.mentioning }));
      expect(request.subject).toBe('Address of [erased]');
      const engagement = await unwrap(backend.call('engagements.get', { id: seeded.engagement }));
      expect(engagement.personIds).toEqual([]);
    });

    test('the officer empties the trash after a confirmation; the records are gone', async ({ page, backend }) => {
      const seeded = await seedOld(backend);
      await unwrap(backend.call('settings.update', { language: L.language }));
      await unwrap(backend.call('requests.delete', { id: seeded.request }));
      await unwrap(backend.call('people.delete', { id: seeded.person }));

      await page.goto('/#/trash');
      await page.getByRole('button', { name: L.emptyTrash }).click();
      const dialog = page.getByRole('alertdialog');
      await expect(dialog).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `trash-empty-${L.language}.png`), animations: 'disabled' });
      await dialog.getByRole('button', { name: L.emptySubmit }).click();
      await expect(page.getByTestId('trash-emptied')).toHaveText(L.emptied);
      await expect(page.getByText(L.trashEmpty)).toBeVisible();
      expect((await backend.call('requests.get', { id: seeded.request })).ok).toBe(false);
      expect((await backend.call('people.get', { id: seeded.person })).ok).toBe(false);
      expect((await unwrap(backend.call('engagements.get', { id: seeded.engagement }))).personIds).toEqual([]);
    });
  });
}
