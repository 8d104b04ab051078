import type { Locator } from '@playwright/test';
import { seedRequest } from '../request-form';
import { expect, openApp, test, unwrap } from '../fixtures';
import { recordPage } from './helpers';

/** The cells of the changes table of one history entry, row by row: [field, before, after]. */
async function changes(entry: Locator): Promise<string[][]> {
  const rows = entry.getByRole('table').getByRole('row');
  const out: string[][] = [];
  for (const row of (await rows.all()).slice(1)) {
    out.push((await row.getByRole('rowheader').or(row.getByRole('cell')).allInnerTexts()).map((s) => s.trim()));
  }
  return out;
}

test.describe('audit trail', () => {
  test('two edits show as Changed entries with before and after values; the first as Created', async ({
    page,
    backend,
  }) => {
    const created = await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          counterpartCountry: 'IT',
          counterpartAgency: 'Guardia di Finanza',
          exchangedAt: '2026-11-10T09:00:00.000Z',
          subject: 'Shell companies in Milan',
        }),
      ),
    );
    await openApp(page, backend);
    const s = recordPage(page);
    await s.row('Shell companies in Milan').click();

    // Before any edit: one entry.
    await s.historyTab.click();
    await expect(s.historyTab).toHaveAttribute('aria-selected', 'true');
    const entries = s.tabPanel.getByRole('listitem');
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toHaveText(/^Created .* · revision 1$/);
    await expect(entries.first().getByRole('table')).toHaveCount(0);

    // First edit: answered, with the moment it was answered.
    await s.form.getByLabel('Status', { exact: true }).selectOption({ label: 'Answered' });
    await s.form.getByLabel('Answered at').fill('2026-11-12T16:30');
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Changes saved.');
    await expect(entries).toHaveCount(2);

    // Second edit: the subject.
    await s.form.getByLabel('Subject', { exact: true }).fill('Shell companies in Milan and Turin');
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Changes saved.');
    await expect(entries).toHaveCount(3);

    // Newest first: Changed (rev 3), Changed (rev 2), Created (rev 1).
    await expect(entries.locator('strong')).toHaveText(['Changed', 'Changed', 'Created']);
    await expect(entries.nth(0)).toContainText('revision 3');
    await expect(entries.nth(1)).toContainText('revision 2');
    await expect(entries.nth(2)).toContainText('revision 1');

    // Each change names the field, what it was and what it became.
    await expect(entries.nth(0).getByRole('columnheader')).toHaveText(['Field', 'Before', 'After']);
    expect(await changes(entries.nth(0))).toEqual([
      ['Subject', 'Shell companies in Milan', 'Shell companies in Milan and Turin'],
    ]);
    const second = await changes(entries.nth(1));
    const byField = Object.fromEntries(second.map(([field, ...values]) => [field, values]));
    expect(Object.keys(byField).sort()).toEqual(['Answered at', 'Status']);
    // (The values are shown as stored: codes and ISO instants; see the report.)
    expect(byField['Status']).toEqual([expect.stringMatching(/^open$/i), expect.stringMatching(/^answered$/i)]);
    expect(byField['Answered at']?.[0]).toBe('—');
    expect(byField['Answered at']?.[1]).toMatch(/2026-11-12T15:30|12 Nov 2026, 16:30/);

    // The backend holds the same trail.
    const trail = await unwrap(backend.call('requests.history', { id: created.id }));
    expect(trail.map((e) => [e.action, e.revision])).toEqual([
      ['create', 1],
      ['update', 2],
      ['update', 3],
    ]);
    expect(trail[1]?.changes).toMatchObject({
      status: ['open', 'answered'],
      answeredAt: [null, '2026-11-12T15:30:00.000Z'],
    });
    expect(trail[2]?.changes).toEqual({
      subject: ['Shell companies in Milan', 'Shell companies in Milan and Turin'],
    });

    // Opening another record and coming back starts on Linked records; the history is still there.
    await s.linkedTab.click();
    await expect(s.tabPanel).toHaveText('Nothing is linked to this record yet.');
    await page.reload();
    await s.historyTab.click();
    await expect(entries).toHaveCount(3);
  });
});
