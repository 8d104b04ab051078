import type { Locator } from '@playwright/test';
import { expect, requestCount, test, unwrap } from './fixtures';
import { requestScreen } from './request-form';

/** The field container around a control: where its label, hint and error live. */
function fieldOf(control: Locator): Locator {
  return control.locator('xpath=..');
}

async function expectFieldError(control: Locator, message: string): Promise<void> {
  await expect(fieldOf(control).getByRole('alert')).toHaveText(message);
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAccessibleDescription(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

async function expectFieldValid(control: Locator): Promise<void> {
  await expect(fieldOf(control).getByRole('alert')).toHaveCount(0);
  await expect(control).not.toHaveAttribute('aria-invalid', 'true');
}

test.describe('an invalid form', () => {
  test('missing country, agency and subject: an error at each field, focus on the first, input kept, nothing saved', async ({
    appPage: page,
    backend,
  }) => {
    const s = requestScreen(page);
    await s.newButton.click();
    // What the officer did fill in before forgetting the rest.
    await s.direction('Outgoing').check();
    await s.channel.selectOption({ label: 'Bilateral' });
    await s.exchangedAt.fill('2026-04-02T16:45');
    await s.status.selectOption({ label: 'Withdrawn' });
    await expect(s.country).toHaveValue(''); // an empty list gives no country to start from
    await s.saveButton.click();

    await expect(s.form.getByRole('alert').first()).toHaveText('Please correct the 3 highlighted fields.');
    await expectFieldError(s.country, 'Choose a country from the list.');
    await expectFieldError(s.agency, 'This field is required.');
    await expectFieldError(s.subject, 'This field is required.');
    await expect(s.form.getByRole('alert')).toHaveCount(4); // the summary and one per field
    await expectFieldValid(s.channel);
    await expectFieldValid(s.exchangedAt);
    await expectFieldValid(s.status);
    await expect(s.country).toBeFocused();

    // Everything typed is still there.
    await expect(s.direction('Outgoing')).toBeChecked();
    await expect(s.channel).toHaveValue('bilateral');
    await expect(s.exchangedAt).toHaveValue('02/04/2026 16:45');
    await expect(s.status).toHaveValue('withdrawn');

    expect(await requestCount(backend)).toBe(0);
    await expect(s.emptyList).toBeVisible();

    // Fixing one field clears only that field's message.
    await s.agency.fill('Guardia Civil');
    await expectFieldValid(s.agency);
    await expectFieldError(s.subject, 'This field is required.');
    await expectFieldError(s.country, 'Choose a country from the list.');
  });

  test('a subject over 300 characters: the error names the limit, the long text is kept, nothing saved', async ({
    appPage: page,
    backend,
  }) => {
    const s = requestScreen(page);
    const tooLong = 'Request about a series of cargo thefts on the A2 motorway, '.repeat(6).slice(0, 301);
    expect(tooLong).toHaveLength(301);

    await s.newButton.click();
    await s.country.selectOption({ label: 'Spain' });
    await s.agency.fill('Guardia Civil');
    await s.subject.fill(tooLong);
    await s.saveButton.click();

    await expectFieldError(s.subject, 'Use at most 300 characters.');
    await expect(s.form.getByRole('alert').first()).toHaveText('Please correct the highlighted field.');
    await expect(s.subject).toBeFocused();
    await expect(s.subject).toHaveValue(tooLong);
    await expect(s.agency).toHaveValue('Guardia Civil');
    await expect(s.country).toHaveValue('ES');
    await expectFieldValid(s.agency);
    await expectFieldValid(s.country);
    expect(await requestCount(backend)).toBe(0);

    // Exactly 300 characters is allowed.
    await s.subject.fill(tooLong.slice(0, 300));
    await expectFieldValid(s.subject);
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Saved.');
    const listed = await unwrap(backend.call('requests.list', {}));
    expect(listed.items.map((r) => r.subject.length)).toEqual([300]);
  });

  test('a subject of only spaces counts as empty', async ({ appPage: page, backend }) => {
    const s = requestScreen(page);
    await s.newButton.click();
    await s.country.selectOption({ label: 'Belgium' });
    await s.agency.fill('Federale Politie');
    await s.subject.fill('   ');
    await s.saveButton.click();
    await expectFieldError(s.subject, 'This field is required.');
    await expect(s.subject).toHaveValue('   ');
    await expect(s.subject).toBeFocused();
    expect(await requestCount(backend)).toBe(0);
  });
});
