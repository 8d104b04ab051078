import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../electron/db/open';
import { expect, openApp, openSecondBackend, requestCount, test, unwrap } from './fixtures';
import { fillRequestForm, requestScreen, seedRequest } from './request-form';

test.describe('information requests', () => {
  test('creates a request through the form; it is listed, survives a reload and is in the SQLite file', async ({
    appPage: page,
    backend,
    dataDir,
  }) => {
    const s = requestScreen(page);
    await expect(s.emptyList).toBeVisible();
    await expect(s.count).toHaveText('0 records');

    await s.newButton.click();
    await expect(s.formTitle).toHaveText('New information request');
    await fillRequestForm(page, {
      direction: 'Outgoing',
      country: 'Germany',
      agency: 'Bundeskriminalamt',
      subject: 'Owner of a vehicle seen at a burglary',
      channel: 'Interpol I-24/7',
      exchangedAt: '2026-03-01T09:30',
      status: 'Withdrawn',
    });
    await s.saveButton.click();

    await expect(s.notice).toHaveText('Saved.');
    const row = s.row('Owner of a vehicle seen at a burglary');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('1 Mar 2026, 09:30 · Germany · Bundeskriminalamt · Interpol I-24/7');
    await expect(row).toContainText('Outgoing');
    await expect(row).toContainText('Withdrawn');
    await expect(s.count).toHaveText('1 record');
    // After the first save the form stays open on the saved record, ready for a correction.
    await expect(s.formTitle).toHaveText('Information request');
    await expect(s.revision).toBeVisible();
    await expect(row).toHaveAttribute('aria-current', 'true');

    // What the backend holds, asked in the test process.
    const listed = await backend.invoke('requests.list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: {
        total: 1,
        items: [
          {
            revision: 1,
            direction: 'outgoing',
            counterpartCountry: 'DE',
            counterpartAgency: 'Bundeskriminalamt',
            channel: 'interpol',
            // 09:30 in Amsterdam (UTC+1 in March) is 08:30 UTC.
            exchangedAt: '2026-03-01T08:30:00.000Z',
            subject: 'Owner of a vehicle seen at a burglary',
            status: 'withdrawn',
          },
        ],
      },
    });

    // The address names the open record; after a reload the list and the record are back.
    const [saved] = (await unwrap(backend.call('requests.list', {}))).items;
    await expect(page).toHaveURL(new RegExp(`#/requests/${saved!.id}$`));
    await page.reload();
    await expect(s.row('Owner of a vehicle seen at a burglary')).toHaveCount(1);
    await expect(s.count).toHaveText('1 record');
    await expect(s.subject).toHaveValue('Owner of a vehicle seen at a burglary');
    await expect(s.exchangedAt).toHaveValue('01/03/2026 09:30');

    // A second, independent connection to the same file sees the row: it was committed to SQLite.
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    const second = await openSecondBackend(dataDir);
    try {
      const page2 = await unwrap(second.call('requests.list', {}));
      expect(page2.items.map((r) => r.subject)).toEqual(['Owner of a vehicle seen at a burglary']);
    } finally {
      second.close();
    }
  });

  test('edits an existing request: the status changes, the revision goes up, the list follows', async ({
    page,
    backend,
  }) => {
    const created = await unwrap(
      backend.call('requests.create', seedRequest({ subject: 'Firearm trace, serial 4471' })),
    );
    expect(created.revision).toBe(1);
    await openApp(page, backend);
    const s = requestScreen(page);

    const row = s.row('Firearm trace, serial 4471');
    await expect(row).toContainText('Open');
    await row.click();
    await expect(s.formTitle).toHaveText('Information request');
    await expect(s.revision).toHaveText(/^Revision 1,/);
    await expect(s.subject).toHaveValue('Firearm trace, serial 4471');
    await expect(s.country).toHaveValue('FR');
    await expect(row).toHaveAttribute('aria-current', 'true');

    await s.status.selectOption({ label: 'Withdrawn' });
    await s.saveButton.click();

    await expect(s.notice).toHaveText('Changes saved.');
    await expect(s.revision).toHaveText(/^Revision 2,/);
    await expect(row).toContainText('Withdrawn');
    const stored = await unwrap(backend.call('requests.get', { id: created.id }));
    expect(stored).toMatchObject({
      id: created.id,
      revision: 2,
      status: 'withdrawn',
      subject: 'Firearm trace, serial 4471',
    });

    // A second edit in the same form builds on the new revision (no false conflict).
    await s.status.selectOption({ label: 'Open' });
    await s.saveButton.click();
    await expect(s.revision).toHaveText(/^Revision 3,/);
    await expect(row).toContainText('Open');
    await expect(s.notice).toHaveText('Changes saved.');
    expect(await unwrap(backend.call('requests.get', { id: created.id }))).toMatchObject({
      revision: 3,
      status: 'open',
    });
    expect(await requestCount(backend)).toBe(1);
  });

  test('an edit based on a stale revision is refused with a conflict message, nothing overwritten', async ({
    page,
    backend,
  }) => {
    const created = await unwrap(backend.call('requests.create', seedRequest({ subject: 'Missing person, alert 88' })));
    await openApp(page, backend);
    const s = requestScreen(page);
    await s.row('Missing person, alert 88').click();
    await expect(s.status).toHaveValue('open');

    // Someone else saves first (in the app: another window or the command line).
    await unwrap(
      backend.call('requests.update', {
        id: created.id,
        revision: 1,
        fields: seedRequest({ subject: 'Missing person, alert 88', counterpartAgency: 'DCPJ' }),
      }),
    );

    await s.status.selectOption({ label: 'Withdrawn' });
    await s.saveButton.click();
    await expect(s.form.getByRole('alert')).toHaveText(
      'This record was changed elsewhere (it is now at revision 2). Reload it, then make your change again.',
    );
    await expect(s.status).toHaveValue('withdrawn'); // the officer's choice is kept on screen
    expect(await unwrap(backend.call('requests.get', { id: created.id }))).toMatchObject({
      revision: 2,
      status: 'open',
      counterpartAgency: 'DCPJ',
    });
  });
});
