import { expect, test, unwrap } from '../fixtures';
import { requestScreen } from '../request-form';

test.describe('the SIENA nudge', () => {
  test('asked for an EU partner over Bilateral, optional; "Other reason" needs a description', async ({
    appPage: page,
    backend,
  }) => {
    const s = requestScreen(page);
    const nudge = s.form.getByRole('note').filter({ hasText: 'SIENA is the default channel' });
    const why = s.form.getByLabel('Why not SIENA?');
    const describe = s.form.getByLabel('Describe the reason');

    await s.newButton.click();
    await s.direction('Incoming').check();
    await s.country.selectOption({ label: 'Germany' });
    await s.channel.selectOption({ label: 'SIENA (Europol)' });
    await expect(nudge).toHaveCount(0);

    await s.channel.selectOption({ label: 'Bilateral' });
    await expect(nudge).toBeVisible();
    await expect(nudge).toContainText(
      'SIENA is the default channel with EU member states. If you used another channel, please say why. ' +
        'You can save without answering.',
    );
    await expect(why).toHaveValue('');
    await expect(why.locator('option:checked')).toHaveText('No reason given');

    // Not blocking: saving without an answer works.
    await s.agency.fill('Landeskriminalamt NRW');
    await s.subject.fill('Burglary series near the border');
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Saved.');
    const [saved] = (await unwrap(backend.call('requests.list', {}))).items;
    expect(saved).toMatchObject({ channel: 'bilateral', counterpartCountry: 'DE', nonSienaReason: null });

    // "Other reason" asks for the text and will not save without it.
    await why.selectOption({ label: 'Other reason' });
    await expect(describe).toBeVisible();
    await s.saveButton.click();
    await expect(s.form.getByRole('alert').first()).toHaveText('Please correct the highlighted field.');
    await expect(describe).toHaveAttribute('aria-invalid', 'true');
    await expect(describe).toHaveAccessibleDescription(/^This field is required\./);
    await expect(describe).toBeFocused();
    expect(await unwrap(backend.call('requests.get', { id: saved!.id }))).toMatchObject({
      revision: 1,
      nonSienaReason: null,
    });

    await describe.fill('The partner asked for a phone call first');
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Changes saved.');
    expect(await unwrap(backend.call('requests.get', { id: saved!.id }))).toMatchObject({
      revision: 2,
      nonSienaReason: 'other',
      nonSienaReasonText: 'The partner asked for a phone call first',
    });

    // A listed reason needs no text.
    await why.selectOption({ label: 'Urgency required another channel (Art. 13(b))' });
    await expect(describe).toHaveCount(0);
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Changes saved.');
    expect(await unwrap(backend.call('requests.get', { id: saved!.id }))).toMatchObject({
      nonSienaReason: 'urgency',
    });

    // Switching to SIENA takes the question away (and the stored reason with it).
    await s.channel.selectOption({ label: 'SIENA (Europol)' });
    await expect(nudge).toHaveCount(0);
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Changes saved.');
    expect(await unwrap(backend.call('requests.get', { id: saved!.id }))).toMatchObject({
      channel: 'siena',
      nonSienaReason: null,
    });
  });

  test('not asked for a non-EU partner, the judicial channel, or the home country', async ({ appPage: page }) => {
    const s = requestScreen(page);
    const nudge = s.form.getByRole('note').filter({ hasText: 'SIENA is the default channel' });
    await s.newButton.click();

    await s.country.selectOption({ label: 'Colombia' });
    await s.channel.selectOption({ label: 'Bilateral' });
    await expect(s.channel).toHaveValue('bilateral');
    await expect(nudge).toHaveCount(0);
    await expect(s.form.getByText('No Directive deadline applies')).toBeVisible();

    // An EU partner over Interpol is asked; over the judicial channel or SIS/SIRENE it is not.
    await s.country.selectOption({ label: 'France' });
    await s.channel.selectOption({ label: 'Interpol I-24/7' });
    await expect(nudge).toBeVisible();
    await s.channel.selectOption({ label: 'Mutual legal assistance / EIO' });
    await expect(nudge).toHaveCount(0);
    await s.channel.selectOption({ label: 'SIS / SIRENE' });
    await expect(nudge).toHaveCount(0);

    // The post's own country (the Netherlands by default) is not a cross-border exchange.
    await s.country.selectOption({ label: 'Netherlands' });
    await s.channel.selectOption({ label: 'Bilateral' });
    await expect(nudge).toHaveCount(0);

    // The non-EU request saves without any reason.
    await s.country.selectOption({ label: 'Colombia' });
    await s.agency.fill('DIJIN');
    await s.subject.fill('Colombian vessel crew list');
    await s.saveButton.click();
    await expect(s.notice).toHaveText('Saved.');
  });
});
