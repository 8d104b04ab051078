import type { Locator, Page } from '@playwright/test';
import type { InformationRequestInput } from '../../shared/requests/schema';

// How a user sees the request screen (English labels), shared by the browser specs and the Electron smoke test.

export interface RequestFormEntry {
  direction: 'Incoming' | 'Outgoing';
  /** The country's name as the select shows it, e.g. "Germany". */
  country: string;
  agency: string;
  subject: string;
  /** The channel's label, e.g. "Interpol I-24/7". */
  channel: string;
  /** Typed into the app's date-time input: `YYYY-MM-DDTHH:mm` or `dd/mm/yyyy hh:mm`, on the post's clock. */
  exchangedAt: string;
  /** The status label, e.g. "Answered". */
  status: string;
}

export function requestScreen(page: Page) {
  const form = page.getByRole('form');
  const list = page.getByRole('list', { name: 'Information requests' });
  return {
    heading: page.getByRole('heading', { level: 1 }),
    newButton: page.getByRole('button', { name: 'New request' }),
    list,
    emptyList: page.getByText('No information requests match.'),
    /** "N records" above the list. */
    count: page.locator('.filters__count'),
    form,
    formTitle: form.getByRole('heading', { level: 2 }),
    revision: form.getByText(/^Revision \d+, last changed /),
    direction: (name: RequestFormEntry['direction']) => form.getByRole('radio', { name: new RegExp(`^${name}`) }),
    country: form.getByLabel('Counterpart country'),
    channel: form.getByLabel('Channel', { exact: true }),
    agency: form.getByLabel('Counterpart agency'),
    subject: form.getByLabel('Subject', { exact: true }),
    exchangedAt: form.getByLabel(/^(Received|Sent) at$/),
    status: form.getByLabel('Status', { exact: true }),
    saveButton: form.getByRole('button', { name: /^Save (request|changes)$/ }),
    closeButton: form.getByRole('button', { name: 'Close' }),
    notice: form.getByRole('status'),
    /** The list entry (a button) whose text contains `subject`. */
    row: (subject: string): Locator => list.getByRole('button').filter({ hasText: subject }),
  };
}

/** Fills every field of the open form with the mouse-and-keyboard actions a user would take. */
export async function fillRequestForm(page: Page, entry: RequestFormEntry): Promise<void> {
  const s = requestScreen(page);
  await s.direction(entry.direction).check();
  await s.country.selectOption({ label: entry.country });
  await s.channel.selectOption({ label: entry.channel });
  await s.agency.fill(entry.agency);
  await s.subject.fill(entry.subject);
  await s.exchangedAt.fill(entry.exchangedAt);
  await s.status.selectOption({ label: entry.status });
}

/** A valid request for seeding through the backend; override what the test cares about. */
export function seedRequest(overrides: Partial<InformationRequestInput> = {}): InformationRequestInput {
  return {
    direction: 'incoming',
    counterpartCountry: 'FR',
    counterpartAgency: 'Police nationale',
    channel: 'siena',
    exchangedAt: '2026-02-10T10:15:00.000Z',
    subject: 'Vehicle registration check',
    status: 'open',
    ...overrides,
  };
}
