import { useMemo, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';
import { UpdateSettingsInput, type Settings } from '../../../../shared/settings/schema';
import { fieldProblems } from '../../../../shared/validation/field-problems';
import { useCountryOptions } from '../../i18n/format';
import { FormField, WholeNumberField } from './FormField';
import { useProblemText } from '../../i18n/lookup';
import { problemText as errorText } from '../../i18n/lookup';
import type { en } from './i18n';
import { useSettings } from './settings-store';

/** The form keeps text as typed; only fields the officer touched are sent, so nothing else is overwritten. */
interface Draft {
  language: string;
  postName: string;
  hostCountry: string;
  homeCountry: string;
  timeZone: string;
  quietDays: string;
}
type Key = keyof Draft;

function toDraft(s: Settings): Draft {
  return {
    language: s.language,
    postName: s.postName,
    hostCountry: s.hostCountry ?? '',
    homeCountry: s.homeCountry,
    timeZone: s.timeZone,
    quietDays: String(s.quietDays),
  };
}

function toPatch(draft: Partial<Draft>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft) as [Key, string][]) {
    if (key === 'hostCountry') patch[key] = value === '' ? null : value;
    else if (key === 'quietDays') {
      const text = value.trim();
      patch[key] = text === '' ? null : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    } else patch[key] = value;
  }
  return patch;
}

let zoneOptions: { value: string; label: string }[] | null = null;

/** Every IANA time zone the platform knows, with its current UTC offset. */
function timeZoneOptions(): { value: string; label: string }[] {
  if (!zoneOptions) {
    const now = new Date();
    zoneOptions = Intl.supportedValuesOf('timeZone').map((zone) => {
      let offset: string;
      try {
        offset =
          new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
            .formatToParts(now)
            .find((p) => p.type === 'timeZoneName')?.value ?? '';
      } catch {
        offset = '';
      }
      return {
        value: zone,
        label: `${zone.replaceAll('_', ' ')}${offset ? ` (${offset.replace('GMT', 'UTC') || 'UTC'})` : ''}`,
      };
    });
  }
  return zoneOptions;
}

export function PostSettingsForm(): ReactNode {
  const { t, i18n } = useTranslation('settings');
  const { settings, update } = useSettings();
  const problemText = useProblemText('settings');
  const countries = useCountryOptions(i18n.language);
  const [draft, setDraft] = useState<Partial<Draft>>({});
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const stored = toDraft(settings);
  const value = (key: Key) => draft[key] ?? stored[key];
  const zones = useMemo(() => {
    const all = timeZoneOptions();
    const current = draft.timeZone ?? settings.timeZone;
    return all.some((z) => z.value === current) ? all : [{ value: current, label: current }, ...all];
  }, [draft.timeZone, settings.timeZone]);
  const errorCount = Object.keys(errors).length;

  function set(key: Key, next: string) {
    setDraft((d) => ({ ...d, [key]: next }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
    setSaved(false);
  }

  function focusFirstProblem() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    const patch = toPatch(draft);
    const checked = UpdateSettingsInput.safeParse(patch);
    if (!checked.success) {
      setErrors(fieldProblems(checked.error));
      focusFirstProblem();
      return;
    }
    setSaving(true);
    const result = await update(checked.data);
    setSaving(false);
    if (!result.ok) {
      // Nothing typed is lost: the draft stays as it was.
      if (result.error.fields) {
        setErrors({ ...result.error.fields });
        focusFirstProblem();
      } else {
        setFormError(
          t('saveFailed', {
            message: errorText(result.error),
          }),
        );
      }
      return;
    }
    setDraft({});
    setErrors({});
    setSaved(true);
  }

  const field = (key: Key) => ({ label: t(`post.${key}`), error: problemText(errors[key], key) });
  const hint = (key: keyof typeof en.post.hint) => t(`post.hint.${key}`);

  return (
    <form
      ref={formRef}
      className="settings-form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby="settings-post-title"
    >
      <h2 id="settings-post-title">{t('post.title')}</h2>
      {errorCount > 0 && (
        <p className="notice notice--error" role="alert">
          {t('fixErrors', { count: errorCount })}
        </p>
      )}
      {formError && (
        <p className="notice notice--error" role="alert">
          {formError}
        </p>
      )}
      <div className="settings-form__grid">
        <FormField {...field('postName')} hint={hint('postName')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              autoComplete="off"
              value={value('postName')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('postName', e.target.value)}
            />
          )}
        </FormField>
        <FormField {...field('language')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={value('language')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('language', e.target.value)}
            >
              <option value="en" lang="en">
                English
              </option>
              <option value="nl" lang="nl">
                Nederlands
              </option>
            </select>
          )}
        </FormField>
        <FormField {...field('hostCountry')} hint={hint('hostCountry')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={value('hostCountry')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('hostCountry', e.target.value)}
            >
              <option value="">{t('post.noHostCountry')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('homeCountry')} hint={hint('homeCountry')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={value('homeCountry')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('homeCountry', e.target.value)}
            >
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('timeZone')} hint={hint('timeZone')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={value('timeZone')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('timeZone', e.target.value)}
            >
              {zones.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <WholeNumberField
          {...field('quietDays')}
          hint={hint('quietDays')}
          min={7}
          max={3650}
          value={value('quietDays')}
          onChange={(v) => set('quietDays', v)}
        />
      </div>
      <div className="form-actions settings-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('post.saving') : t('post.save')}
        </button>
        <p className="settings-form__saved" role="status">
          {saved ? `✓ ${t('post.saved')}` : ''}
        </p>
      </div>
    </form>
  );
}
