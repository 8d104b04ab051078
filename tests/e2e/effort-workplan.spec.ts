import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, test, unwrap, type TestBackend } from './fixtures';
import { SCREENSHOTS, shootWhole } from './hq-helpers';
import { gotoView, recordPage } from './logbook/helpers';

// Effort and work plans (issue 14, items 2 and 3), in English and Dutch: the officer types the time spent on an
// engagement quickly ("1,5"), sees how it reads, links it to a planned activity of the work plan and saves; the
// work plan then shows the activity done in this quarter, and the efficiency page counts the time.

interface Words {
  subject: string;
  timeSpent: string;
  reads: string;
  carriesOut: string;
  save: string;
  doneThisQuarter: string;
  doneYear: string;
  efficiencyHours: string;
  activityRemoved: string;
}

const WORDS: Record<'en' | 'nl', Words> = {
  en: {
    subject: 'Subject',
    timeSpent: 'Time spent (hours)',
    reads: 'Reads as 1:30',
    carriesOut: 'Carries out planned activity',
    save: 'Save changes',
    doneThisQuarter: '1 done of 1 planned',
    doneYear: '1 done of 4 planned',
    efficiencyHours: 'Hours recorded',
    activityRemoved: 'This planned activity was removed from the work plan. Choose another one, or none.',
  },
  nl: {
    subject: 'Onderwerp',
    timeSpent: 'Bestede tijd (uren)',
    reads: 'Gelezen als 1:30',
    carriesOut: 'Voert geplande activiteit uit',
    save: 'Wijzigingen opslaan',
    doneThisQuarter: '1 uitgevoerd van 1 gepland',
    doneYear: '1 uitgevoerd van 4 gepland',
    efficiencyHours: 'Vastgelegde uren',
    activityRemoved: 'Deze geplande activiteit is uit het werkplan verwijderd. Kies een andere, of geen.',
  },
};

async function seed(backend: TestBackend, title: string) {
  const now = new Date();
  const activity = await unwrap(
    backend.call('workplan.save', {
      fields: {
        year: now.getFullYear(),
        title,
        type: 'operational',
        phenomenon: 'cocaine',
        quarters: [1, 2, 3, 4],
        plannedCount: 4,
      },
    }),
  );
  // A second activity, offered on the form too: removed from the plan while the form is open (below).
  const spare = await unwrap(
    backend.call('workplan.save', {
      fields: {
        year: now.getFullYear(),
        title: `${title} (spare)`,
        type: 'training',
        quarters: [1, 2, 3, 4],
        plannedCount: 2,
      },
    }),
  );
  const engagement = await unwrap(
    backend.call('engagements.create', {
      occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
      kind: 'meeting',
      subject: `Meeting that carries out ${title}`,
      purpose: 'operational',
      phenomena: ['cocaine'],
    }),
  );
  return { activity, spare, engagement };
}

async function enterAndLink(page: Page, backend: TestBackend, language: 'en' | 'nl', title: string) {
  const w = WORDS[language];
  const { activity, spare, engagement } = await seed(backend, title);
  await gotoView(page, 'engagements', engagement.id);
  const form = recordPage(page).form;
  // The record is on screen before the officer types (a form still loading would replace the typed text).
  await expect(form.getByLabel(w.subject, { exact: true })).toHaveValue(`Meeting that carries out ${title}`);
  await expect(form.getByLabel(w.carriesOut, { exact: true })).toBeVisible();
  const time = form.getByLabel(w.timeSpent, { exact: true });
  await time.fill('1,5');
  await expect(time).toHaveValue('1,5');
  await expect(form.getByText(w.reads)).toBeVisible();
  await form.getByLabel(w.carriesOut, { exact: true }).selectOption({ label: title });
  await shootWhole(page, `effort-01-engagement-form-${language}`);
  await form.getByRole('button', { name: w.save }).click();
  await expect
    .poll(async () => {
      const saved = await unwrap(backend.call('engagements.get', { id: engagement.id }));
      return [saved.timeSpentMinutes, saved.plannedActivityId];
    })
    .toEqual([90, activity.id]);
  // The field shows the stored time as h:mm.
  await expect(time).toHaveValue('1:30');

  // The other activity is chosen, and removed from the plan (at another desk) before the officer saves: the save is
  // refused, the form names the problem in the officer's language, and the engagement keeps the activity it had.
  const saved = await unwrap(backend.call('engagements.get', { id: engagement.id }));
  await form.getByLabel(w.carriesOut, { exact: true }).selectOption({ label: `${title} (spare)` });
  await unwrap(backend.call('workplan.remove', { id: spare.id }));
  await form.getByRole('button', { name: w.save }).click();
  await expect(form.locator('.error-summary')).toContainText(w.activityRemoved);
  // …and next to the field itself, announced with it.
  const field = form.getByLabel(w.carriesOut, { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(w.activityRemoved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const kept = await unwrap(backend.call('engagements.get', { id: engagement.id }));
  expect([kept.revision, kept.plannedActivityId]).toEqual([saved.revision, activity.id]);
  await form.getByLabel(w.carriesOut, { exact: true }).selectOption({ label: title });

  await gotoView(page, 'workplan');
  const row = page.getByTestId('workplan-table').locator(`tr[data-activity="${title}"]`);
  const quarter = Math.floor(new Date().getMonth() / 3); // the engagement was an hour ago: this quarter
  await expect(row.locator('td.plan-cell').nth(quarter)).toHaveAttribute('aria-label', w.doneThisQuarter);
  await expect(row.locator('td.plan-cell').nth(4)).toHaveAttribute('aria-label', w.doneYear);
  await shootWhole(page, `effort-02-workplan-${language}`);

  await gotoView(page, 'efficiency');
  await expect(
    page.getByTestId('efficiency-table').getByRole('columnheader', { name: w.efficiencyHours }),
  ).toBeVisible();
  await expect(page.getByTestId('efficiency-table').locator('tbody tr').first().locator('td').first()).toHaveText(
    language === 'en' ? '1.5' : '1,5',
  );
  await shootWhole(page, `effort-03-efficiency-${language}`);
}

test.describe('effort and work plans', () => {
  // Two pages and three screenshots per language, on a machine shared with other work.
  test.describe.configure({ timeout: 180_000 });

  test('an officer enters time spent quickly, links the engagement to a planned activity, and the work plan shows it done (English)', async ({
    page,
    backend,
  }) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await openApp(page, backend);
    await enterAndLink(page, backend, 'en', 'Joint cocaine operations with the BKA');
  });

  test('the same in Dutch', async ({ page, backend }) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await unwrap(backend.call('settings.update', { language: 'nl' }));
    await openApp(page, backend);
    await enterAndLink(page, backend, 'nl', 'Gezamenlijke cocaïne-operaties met het BKA');
  });
});
