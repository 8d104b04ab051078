import { expect, test, unwrap } from '../fixtures';
import { gotoView, linkRecord, recordPage } from './helpers';

test.describe('creating and linking records', () => {
  test('an organisation, a person at it and an engagement with both: linked both ways, last contact listed', async ({
    appPage: page,
    backend,
  }) => {
    // The organisation.
    await page.getByRole('navigation').getByRole('link', { name: 'Organisations' }).click();
    const orgs = recordPage(page);
    await expect(orgs.heading).toHaveText('Organisations');
    await page.getByRole('button', { name: 'New organisation' }).click();
    await expect(orgs.formTitle).toHaveText('New organisation');
    await orgs.form.getByLabel('Name', { exact: true }).fill('Dirección de Investigación Criminal');
    await orgs.form.getByLabel('Country', { exact: true }).selectOption({ label: 'Colombia' });
    await orgs.form.getByLabel('Kind of organisation').selectOption({ label: 'Police' });
    await orgs.saveButton.click();
    await expect(orgs.notice).toHaveText('Saved.');
    const orgRow = orgs.row('Dirección de Investigación Criminal');
    await expect(orgRow).toContainText('Colombia · Police');
    await expect(orgRow).toContainText('No contact yet');

    // A person at it.
    await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    const people = recordPage(page);
    await expect(people.heading).toHaveText('People');
    await page.getByRole('button', { name: 'New person' }).click();
    await people.form.getByLabel('Name', { exact: true }).fill('Ana García');
    await linkRecord(people.form, 'Organisation', 'investigacion', 'Dirección de Investigación Criminal');
    // A single link: the search box goes once the organisation is chosen.
    await expect(people.form.getByRole('searchbox', { name: 'Organisation' })).toHaveCount(0);
    await people.form.getByLabel('Role or position').fill('Head of the drugs unit');
    await people.saveButton.click();
    await expect(people.notice).toHaveText('Saved.');
    await expect(people.row('Ana García')).toContainText('Head of the drugs unit');

    // An engagement linking both, with a phenomenon.
    await page.getByRole('navigation').getByRole('link', { name: 'Engagements' }).click();
    const engagements = recordPage(page);
    await expect(engagements.heading).toHaveText('Engagements');
    await page.getByRole('button', { name: 'New engagement' }).click();
    await expect(engagements.formTitle).toHaveText('New engagement');
    const form = engagements.form;
    await form.getByLabel('Date and time').fill('2026-11-24T10:30');
    await form.getByLabel('Kind of contact').selectOption({ label: 'Working visit' });
    await form.getByLabel('Subject', { exact: true }).fill('Port controls in Buenaventura');
    await form.getByRole('radio', { name: 'Operational', exact: true }).check();
    await linkRecord(form, 'Organisations', 'dirección', 'Dirección de Investigación Criminal');
    await linkRecord(form, 'People', 'garcia', 'Ana García');
    await form.getByRole('combobox', { name: 'Phenomena' }).selectOption({ label: 'Cocaine' });
    await expect(form.getByRole('list', { name: 'Phenomena' })).toHaveText(/Cocaine/);
    await engagements.saveButton.click();
    await expect(engagements.notice).toHaveText('Saved.');
    await expect(engagements.row('Port controls in Buenaventura')).toContainText('24 Nov 2026, 10:30 · Working visit');

    const [engagement] = (await unwrap(backend.call('engagements.list', {}))).items;
    const [organisation] = (await unwrap(backend.call('organisations.list', {}))).items;
    const [person] = (await unwrap(backend.call('people.list', {}))).items;
    expect(engagement).toMatchObject({
      subject: 'Port controls in Buenaventura',
      kind: 'visit',
      purpose: 'operational',
      organisationIds: [organisation!.id],
      personIds: [person!.id],
      phenomena: ['cocaine'],
    });
    expect(person).toMatchObject({ organisationId: organisation!.id });

    // The organisation shows the engagement (and its person) under Linked records.
    await page.getByRole('navigation').getByRole('link', { name: 'Organisations' }).click();
    await expect(orgs.heading).toHaveText('Organisations');
    await orgs.row('Dirección de Investigación Criminal').click();
    await expect(orgs.formTitle).toHaveText('Organisation');
    await expect(orgs.linkedTab).toHaveAttribute('aria-selected', 'true');
    await expect(orgs.tabPanel.getByRole('heading', { name: 'Engagements (1)' })).toBeVisible();
    await expect(orgs.tabPanel.getByRole('button', { name: 'Port controls in Buenaventura' })).toBeVisible();
    await expect(orgs.tabPanel.getByRole('heading', { name: 'People (1)' })).toBeVisible();
    await expect(orgs.tabPanel.getByRole('button', { name: 'Ana García' })).toBeVisible();

    // Its last contact is the engagement's day.
    await expect(orgs.row('Dirección de Investigación Criminal')).toContainText('Last contact 24 Nov 2026');
    expect(await unwrap(backend.call('organisations.get', { id: organisation!.id }))).toMatchObject({
      lastContactAt: engagement!.occurredAt,
    });

    // From the organisation to the engagement.
    await orgs.tabPanel.getByRole('button', { name: 'Port controls in Buenaventura' }).click();
    await expect(page).toHaveURL(new RegExp(`#/engagements/${engagement!.id}$`));
    await expect(engagements.form.getByLabel('Subject', { exact: true })).toHaveValue('Port controls in Buenaventura');
  });

  test('a person linked to an organisation is listed under it, and reloading keeps the link', async ({
    page,
    backend,
  }) => {
    const org = await unwrap(
      backend.call('organisations.create', { name: 'Bundeskriminalamt', country: 'DE', type: 'police' }),
    );
    await unwrap(backend.call('people.create', { name: 'Jan Müller', organisationId: org.id, role: 'Analyst' }));
    await gotoView(page, 'organisations', org.id);
    const orgs = recordPage(page);
    await expect(orgs.form.getByLabel('Name', { exact: true })).toHaveValue('Bundeskriminalamt');
    await expect(orgs.tabPanel.getByRole('heading', { name: 'People (1)' })).toBeVisible();
    await orgs.tabPanel.getByRole('button', { name: 'Jan Müller' }).click();
    const people = recordPage(page);
    await expect(people.formTitle).toHaveText('Person');
    // The chip names the organisation the person is linked to.
    await expect(people.form.getByRole('list', { name: 'Organisation' })).toHaveText(/Bundeskriminalamt/);
    await page.reload();
    await expect(people.form.getByRole('list', { name: 'Organisation' })).toHaveText(/Bundeskriminalamt/);
  });
});
