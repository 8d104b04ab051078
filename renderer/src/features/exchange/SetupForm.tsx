import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';
import { InitInput, type Role } from '../../../../shared/exchange/schema';
import { fieldProblems } from '../../../../shared/validation/field-problems';
import { call } from '../../api/bridge';
import { useCountryOptions } from '../../i18n/format';
import { useToasts } from '../../ui/toast-store';
import { useSettings } from '../settings/settings-store';
import { useExchange } from './exchange-store';
import { ExField, useFocusAfterRender } from './parts';
import { useProblemText } from '../../i18n/lookup';

interface Draft {
  postId: string;
  postName: string;
  officer: string;
  country: string;
  hqName: string;
}
type Key = keyof Draft;

const FIELDS: Record<Role, readonly Key[]> = {
  post: ['postId', 'postName', 'officer', 'country'],
  hq: ['hqName'],
};
const REQUIRED: Record<Role, readonly Key[]> = { post: ['postId', 'postName', 'officer'], hq: ['hqName'] };

/** First run: two calm cards explaining the roles, then the few fields the chosen role needs. */
export function SetupForm({ onDone }: { onDone: () => void }): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const setIdentity = useExchange((s) => s.setIdentity);
  const showToast = useToasts((s) => s.show);
  const problemText = useProblemText('exchange');
  const countries = useCountryOptions(i18n.language);
  const [role, setRole] = useState<Role>('post');
  // Both roles keep what was typed, so switching back and forth loses nothing.
  const [draft, setDraft] = useState<Draft>({ postId: '', postName: '', officer: '', country: '', hqName: '' });
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusLater = useFocusAfterRender();

  const shown = Object.keys(errors).filter((k) => (FIELDS[role] as readonly string[]).includes(k));

  function set(key: Key, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
  }

  function focusFirstProblem() {
    focusLater(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const text = (key: Key) => draft[key].trim() || undefined;
    const input =
      role === 'post'
        ? {
            role,
            postId: text('postId')?.toUpperCase(),
            postName: text('postName'),
            officer: text('officer'),
            country: draft.country || null,
          }
        : { role, hqName: text('hqName') };
    // Every empty required field at once, then any problem of form (a post code with spaces, say).
    const problems: Record<string, FieldProblem> = {};
    for (const key of REQUIRED[role]) {
      if (!text(key)) problems[key] = { code: 'required', message: 'This field is required.' };
    }
    const checked = InitInput.safeParse(input);
    if (!checked.success) {
      for (const [key, problem] of Object.entries(fieldProblems(checked.error))) problems[key] ??= problem;
    }
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      focusFirstProblem();
      return;
    }
    setSaving(true);
    const result = await call('identity.init', input);
    setSaving(false);
    if (!result.ok) {
      if (result.error.fields && Object.keys(result.error.fields).some((k) => k !== '_')) {
        setErrors({ ...result.error.fields });
        focusFirstProblem();
      } else {
        setFormError(t('failed', { message: result.error.message }));
      }
      return;
    }
    // The role and the name change everywhere at once (the top bar too): the identity store takes the new
    // identity, and the settings, which setup gave the post's or HQ's name, are read again.
    setIdentity(result.value);
    void useSettings.getState().load();
    showToast({ message: t('setup.done') });
    onDone();
  }

  const field = (key: Key) => ({
    label: t(`setup.field.${key}`),
    hint: t(`setup.hint.${key}`),
    error: problemText(errors[key], key),
  });
  const textInput =
    (key: Key, className?: string) =>
    ({ id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) => (
      <input
        id={id}
        type="text"
        className={className}
        autoComplete="off"
        spellCheck={false}
        value={draft[key]}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        aria-required={REQUIRED[role].includes(key)}
        onChange={(e) => set(key, key === 'postId' ? e.target.value.toUpperCase() : e.target.value)}
      />
    );

  return (
    <div className="exchange-setup">
      <fieldset className="exchange-roles">
        <legend>{t('setup.choose')}</legend>
        {(['post', 'hq'] as const).map((r) => (
          <label key={r} className={`exchange-role${role === r ? ' is-chosen' : ''}`}>
            <span className="exchange-role__head">
              <input type="radio" name="exchange-role" value={r} checked={role === r} onChange={() => setRole(r)} />
              <span className="exchange-role__title">{t(`setup.${r}.title`)}</span>
            </span>
            <span className="exchange-role__text">{t(`setup.${r}.text`)}</span>
            <span className="exchange-role__detail">{t(`setup.${r}.detail`)}</span>
          </label>
        ))}
      </fieldset>

      <form
        ref={formRef}
        className="exchange-section exchange-setup__form"
        noValidate
        aria-labelledby="exchange-setup-title"
        onSubmit={(e) => void onSubmit(e)}
      >
        <h2 id="exchange-setup-title">{t(`setup.formTitle.${role}`)}</h2>
        {shown.length > 0 && (
          <p className="notice notice--error" role="alert">
            {t('setup.fixErrors', { count: shown.length })}
          </p>
        )}
        {formError && (
          <p className="notice notice--error" role="alert">
            {formError}
          </p>
        )}
        {role === 'post' ? (
          <div className="exchange-form-grid">
            <ExField {...field('postId')}>{textInput('postId', 'exchange-setup__code')}</ExField>
            <ExField {...field('postName')}>{textInput('postName')}</ExField>
            <ExField {...field('officer')}>{textInput('officer')}</ExField>
            <ExField {...field('country')}>
              {({ id, describedBy, invalid }) => (
                <select
                  id={id}
                  value={draft.country}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => set('country', e.target.value)}
                >
                  <option value="">{t('setup.noCountry')}</option>
                  {countries.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label}
                    </option>
                  ))}
                </select>
              )}
            </ExField>
          </div>
        ) : (
          <div className="exchange-form-grid">
            <ExField {...field('hqName')}>{textInput('hqName')}</ExField>
          </div>
        )}
        <p className="exchange-setup__once">{t('setup.once')}</p>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('setup.saving') : t(`setup.submit.${role}`)}
          </button>
        </div>
      </form>
    </div>
  );
}
