import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { InformationRequestInput } from '../../shared/requests/schema';
import { expect, openApp, test, unwrap, type TestBackend } from './fixtures';
import { SCREENSHOTS, shootWhole } from './hq-helpers';
import { seedRequest } from './request-form';
import { instantToWallClock, wallClockToInstant } from '../../shared/time/clock';
import { gotoView, recordPage } from './logbook/helpers';

// The deadline outcome on the record (issue 11, item 4): the request form and the list row say how a request
// stands against its Directive deadline, from shared/deadlines/outcome.ts (the rule the dashboards use), in
// English and Dutch: answered in time (time used of the limit), answered late (by how much), open (time left),
// overdue (by how much). After an answer the form no longer says "Answer due by…".

const HOUR = 3_600_000;
const urgent = { urgency: 'urgent', urgencyGround: 'life_or_integrity', accessibility: 'direct' } as const;

interface Case {
  subject: string;
  fields: Partial<InformationRequestInput>;
  en: string;
  nl: string;
  /** Whether an answer time is recorded (the "Answer due by…" line then gives way to the outcome). */
  answered: boolean;
}

function cases(now: number): Case[] {
  const ago = (hours: number) => new Date(now - hours * HOUR).toISOString();
  return [
    {
      subject: 'Crew list of the bulk carrier Santa Rosa',
      // Urgent, directly accessible: 8 hours. Answered after 6.
      fields: {
        ...urgent,
        exchangedAt: '2026-03-03T10:00:00.000Z',
        status: 'answered',
        answeredAt: '2026-03-03T16:00:00.000Z',
      },
      en: 'Answered in time (6 h of 8 h)',
      nl: 'Op tijd beantwoord (6 u van 8 u)',
      answered: true,
    },
    {
      subject: 'Bank accounts of a money-exchange office',
      // Not urgent: 7 days, due 17 March 09:00 UTC. Answered 19 March 10:00: 2 days and 1 hour late.
      fields: { exchangedAt: '2026-03-10T09:00:00.000Z', status: 'answered', answeredAt: '2026-03-19T10:00:00.000Z' },
      en: 'Answered 2 days late',
      nl: '2 dagen te laat beantwoord',
      answered: true,
    },
    {
      subject: 'Vehicle seen at the border crossing',
      // Urgent, received 4.5 hours ago: 3.5 hours left.
      fields: { ...urgent, exchangedAt: ago(4.5) },
      en: 'Open, due in 3 h',
      nl: 'Open, nog 3 u',
      answered: false,
    },
    {
      subject: 'Threat against a witness in Lyon',
      // Urgent, received 13.5 hours ago: 5.5 hours past the 8-hour limit.
      fields: { ...urgent, exchangedAt: ago(13.5) },
      en: 'Overdue by 5 h',
      nl: '5 u over de termijn',
      answered: false,
    },
  ];
}

async function seed(backend: TestBackend, list: Case[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const c of list) {
    const made = await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'DE',
          counterpartAgency: 'Bundeskriminalamt',
          subject: c.subject,
          ...c.fields,
        }),
      ),
    );
    ids.set(c.subject, made.id);
  }
  return ids;
}

async function checkAll(page: Page, list: Case[], ids: Map<string, string>, language: 'en' | 'nl'): Promise<void> {
  const r = recordPage(page);
  for (const c of list) {
    const expected = c[language];
    // The list row: the outcome under the request's badges.
    await expect(r.row(c.subject).locator('.deadline')).toHaveText(expected);
    // The form: the outcome under the deadline; once answered, it replaces "Answer due by…".
    await gotoView(page, 'requests', ids.get(c.subject));
    await expect(r.form.getByLabel(language === 'en' ? 'Subject' : 'Onderwerp', { exact: true })).toHaveValue(
      c.subject,
    );
    await expect(r.form.locator('.deadline-outcome')).toHaveText(expected);
    const dueLine = r.form.getByText(language === 'en' ? /^Answer due by / : /^Antwoord uiterlijk /);
    if (c.answered) await expect(dueLine).toBeHidden();
    else await expect(dueLine).toBeVisible();
  }
}

test.describe('deadline outcome', () => {
  test('the form and the list row say whether the deadline was met, how late, or how long is left, in English and Dutch', async ({
    page,
    backend,
  }) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const list = cases(Date.now());
    const ids = await seed(backend, list);
    await openApp(page, backend);

    await checkAll(page, list, ids, 'en');
    await gotoView(page, 'requests', ids.get(list[0]?.subject ?? ''));
    await shootWhole(page, 'outcome-01-form-and-list-en');

    await unwrap(backend.call('settings.update', { language: 'nl' }));
    await page.reload(); // the window reads the language at start
    await openApp(page, backend);
    await checkAll(page, list, ids, 'nl');
    await gotoView(page, 'requests', ids.get(list[1]?.subject ?? ''));
    await shootWhole(page, 'outcome-02-form-and-list-nl');
  });

  test('the outcome in the form follows what the officer types: an answer time turns "Open" into the outcome', async ({
    page,
    backend,
  }) => {
    const made = await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          ...urgent,
          counterpartCountry: 'DE',
          exchangedAt: new Date(Date.now() - 2.5 * HOUR).toISOString(),
        }),
      ),
    );
    await openApp(page, backend);
    await gotoView(page, 'requests', made.id);
    const form = recordPage(page).form;
    await expect(form.locator('.deadline-outcome')).toHaveText('Open, due in 5 h');
    await expect(form.getByText(/^Answer due by /)).toBeVisible();
    await form.getByLabel('Status', { exact: true }).selectOption({ label: 'Answered' });
    const answeredAt = form.getByLabel('Answered at', { exact: true });
    // Received at (to the minute, as the form holds it) + 2 hours, on the post's clock: any time of day.
    const { timeZone } = await unwrap(backend.call('settings.get', {}));
    const received = wallClockToInstant(instantToWallClock(made.exchangedAt, timeZone) ?? '', timeZone);
    if (!received.ok) throw new Error(`the seeded time does not read back: ${received.problem.code}`);
    const answered = instantToWallClock(new Date(Date.parse(received.instant) + 2 * HOUR).toISOString(), timeZone);
    await answeredAt.fill((answered ?? '').replace('T', ' '));
    await expect(form.locator('.deadline-outcome')).toHaveText('Answered in time (2 h of 8 h)');
    await expect(form.getByText(/^Answer due by /)).toBeHidden();
  });
});
