import { seedRequest } from '../request-form';
import { expect, test, unwrap } from '../fixtures';
import { gotoView, linkRecord, recordPage } from './helpers';

test.describe('a result and what led to it', () => {
  test('a result linked to an engagement and a request shows both under Linked records; each opens', async ({
    page,
    backend,
  }) => {
    const engagement = await unwrap(
      backend.call('engagements.create', {
        occurredAt: '2026-11-02T09:00:00.000Z',
        kind: 'meeting',
        subject: 'Joint action day briefing',
        purpose: 'operational',
        phenomena: ['cocaine'],
      }),
    );
    const request = await unwrap(
      backend.call(
        'requests.create',
        seedRequest({
          direction: 'outgoing',
          counterpartCountry: 'ES',
          counterpartAgency: 'Guardia Civil',
          exchangedAt: '2026-10-28T14:00:00.000Z',
          subject: 'Container MSCU 123456 consignee',
          status: 'answered',
          answeredAt: '2026-10-30T10:00:00.000Z',
        }),
      ),
    );

    await gotoView(page, 'results');
    const results = recordPage(page);
    await expect(results.heading).toHaveText('Results');
    await page.getByRole('button', { name: 'New result' }).click();
    await expect(results.formTitle).toHaveText('New result');
    const form = results.form;
    await form.getByLabel('Kind of result').selectOption({ label: 'Arrest' });
    await form.getByLabel('Date', { exact: true }).fill('2026-11-05');
    await form.getByLabel('Description').fill('Three arrests at the port of Algeciras');
    await form.getByLabel('Number of people arrested').fill('3');
    await linkRecord(form, 'Engagements', 'briefing', 'Joint action day briefing');
    await linkRecord(form, 'Information requests', 'container', 'Container MSCU 123456 consignee');
    await results.saveButton.click();
    await expect(results.notice).toHaveText('Saved.');
    await expect(results.row('Three arrests at the port of Algeciras')).toContainText('5 Nov 2026 · 3 arrests');

    const [result] = (await unwrap(backend.call('results.list', {}))).items;
    expect(result).toMatchObject({
      kind: 'arrest',
      achievedOn: '2026-11-05',
      count: 3,
      engagementIds: [engagement.id],
      requestIds: [request.id],
    });

    // Both are listed under Linked records, each under its kind.
    const panel = results.tabPanel;
    await expect(results.linkedTab).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByRole('heading', { name: 'Engagements (1)' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Information requests (1)' })).toBeVisible();

    // Clicking the request opens it on the request page.
    await panel.getByRole('button', { name: 'Container MSCU 123456 consignee' }).click();
    await expect(page).toHaveURL(new RegExp(`#/requests/${request.id}$`));
    const requests = recordPage(page);
    await expect(requests.heading).toHaveText('Information requests');
    await expect(requests.form.getByLabel('Subject', { exact: true })).toHaveValue('Container MSCU 123456 consignee');
    // ...and the request links back to the result.
    await expect(requests.tabPanel.getByRole('heading', { name: 'Results (1)' })).toBeVisible();
    await expect(
      requests.tabPanel.getByRole('button', { name: 'Three arrests at the port of Algeciras' }),
    ).toBeVisible();

    // Back to the result, then on to the engagement.
    await requests.tabPanel.getByRole('button', { name: 'Three arrests at the port of Algeciras' }).click();
    await expect(page).toHaveURL(new RegExp(`#/results/${result!.id}$`));
    await results.tabPanel.getByRole('button', { name: 'Joint action day briefing' }).click();
    await expect(page).toHaveURL(new RegExp(`#/engagements/${engagement.id}$`));
    const engagements = recordPage(page);
    await expect(engagements.heading).toHaveText('Engagements');
    await expect(engagements.form.getByLabel('Subject', { exact: true })).toHaveValue('Joint action day briefing');
    await expect(
      engagements.tabPanel.getByRole('button', { name: 'Three arrests at the port of Algeciras' }),
    ).toBeVisible();
  });

  test('a seeded result shows its seeded links; removing one from the form unlinks it', async ({ page, backend }) => {
    const engagement = await unwrap(
      backend.call('engagements.create', {
        occurredAt: '2026-11-02T09:00:00.000Z',
        kind: 'call',
        subject: 'Call with the prosecutor',
        purpose: 'operational',
      }),
    );
    const request = await unwrap(backend.call('requests.create', seedRequest({ subject: 'Bank account holder' })));
    const result = await unwrap(
      backend.call('results.create', {
        kind: 'assets_frozen',
        achievedOn: '2026-11-10',
        description: 'Accounts frozen at our request',
        quantity: 250000,
        unit: 'eur',
        engagementIds: [engagement.id],
        requestIds: [request.id],
      }),
    );
    await gotoView(page, 'results', result.id);
    const results = recordPage(page);
    await expect(results.row('Accounts frozen at our request')).toContainText('€250,000');
    await expect(results.tabPanel.getByRole('button', { name: 'Call with the prosecutor' })).toBeVisible();
    await expect(results.tabPanel.getByRole('button', { name: 'Bank account holder' })).toBeVisible();

    await results.form.getByRole('button', { name: 'Remove Call with the prosecutor' }).click();
    await results.saveButton.click();
    await expect(results.notice).toHaveText('Changes saved.');
    await expect(results.tabPanel.getByRole('heading', { name: 'Engagements (1)' })).toHaveCount(0);
    await expect(results.tabPanel.getByRole('button', { name: 'Bank account holder' })).toBeVisible();
    expect(await unwrap(backend.call('results.get', { id: result.id }))).toMatchObject({
      engagementIds: [],
      requestIds: [request.id],
    });
  });
});
