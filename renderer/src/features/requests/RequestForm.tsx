import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_DIRECTIONS, REQUEST_STATUSES } from '../../../../shared/requests/schema';
import { CHANNEL_CODES } from '../../../../shared/taxonomy/channels';
import { useCountryOptions } from '../../i18n/format';
import { Field } from '../../ui/Field';
import { useRequests } from './requests-store';

export function RequestForm(): ReactNode {
  const { t, i18n } = useTranslation();
  const { form, errors, formError, mode, saving, notice, setField, save, cancel } = useRequests();
  const countries = useCountryOptions(i18n.language);
  const errorCount = Object.keys(errors).length;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const saved = await save();
    if (!saved) {
      // Move focus to the first invalid control so keyboard users land where the work is.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  const direction = form.direction === 'outgoing' ? 'outgoing' : 'incoming';
  return (
    <form className="request-form" onSubmit={onSubmit} noValidate aria-labelledby="request-form-title">
      <h2 id="request-form-title">{mode.kind === 'edit' ? t('requests.editTitle') : t('requests.newTitle')}</h2>
      {notice && (
        <p className="notice notice--ok" role="status">
          {t(notice === 'saved' ? 'requests.saved' : 'requests.updated')}
        </p>
      )}
      {errorCount > 0 && (
        <p className="notice notice--error" role="alert">
          {t('requests.fixErrors', { count: errorCount })}
        </p>
      )}
      {formError && (
        <p className="notice notice--error" role="alert">
          {t(`error.${formError.code}`, { defaultValue: t('error.generic', { message: formError.message }) })}
        </p>
      )}

      <fieldset className="field field--radios">
        <legend>{t('requests.field.direction')}</legend>
        {REQUEST_DIRECTIONS.map((d) => (
          <label key={d} className="radio">
            <input
              type="radio"
              name="direction"
              value={d}
              checked={form.direction === d}
              onChange={() => setField('direction', d)}
            />
            {t(`requests.direction.${d}`)}
          </label>
        ))}
      </fieldset>

      <div className="form-row">
        <Field label={t('requests.field.counterpartCountry')} problem={errors.counterpartCountry}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="counterpartCountry"
              value={form.counterpartCountry}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setField('counterpartCountry', e.target.value)}
            >
              <option value="">{t('requests.chooseCountry')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('requests.field.channel')} problem={errors.channel}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="channel"
              value={form.channel}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setField('channel', e.target.value)}
            >
              {CHANNEL_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field
        label={t('requests.field.counterpartAgency')}
        hint={t('requests.hint.counterpartAgency')}
        problem={errors.counterpartAgency}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="counterpartAgency"
            type="text"
            autoComplete="off"
            value={form.counterpartAgency}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setField('counterpartAgency', e.target.value)}
          />
        )}
      </Field>

      <Field label={t('requests.field.subject')} hint={t('requests.hint.subject')} problem={errors.subject}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="subject"
            type="text"
            autoComplete="off"
            value={form.subject}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setField('subject', e.target.value)}
          />
        )}
      </Field>

      <div className="form-row">
        <Field label={t(`requests.field.exchangedAt_${direction}`)} problem={errors.exchangedAt}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="exchangedAt"
              type="datetime-local"
              value={form.exchangedAt}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setField('exchangedAt', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('requests.field.status')} problem={errors.status}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="status"
              value={form.status}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setField('status', e.target.value)}
            >
              {REQUEST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`requests.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {mode.kind === 'edit' ? t('requests.saveChanges') : t('requests.save')}
        </button>
        <button type="button" className="button" onClick={cancel}>
          {t('requests.cancel')}
        </button>
      </div>
    </form>
  );
}
