import { useEffect, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { NewPassphrase, PASSPHRASE_MAX_LENGTH, PASSPHRASE_MIN_LENGTH } from '../../../../shared/session/schema';
import { problemText } from '../../i18n/lookup';
import { LabelledField } from '../../ui/Field';

// The pieces every passphrase form shares: the field (hidden or shown, with a Caps Lock warning), the
// rule for a new passphrase (the shared schema's, so the screen and the backend agree) and the wording of
// the session's field problems.

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The problem, already in the officer's language. */
  error?: string | undefined;
  hint?: string | undefined;
  /** `current-password` for the passphrase in use, `new-password` for one being chosen. */
  autoComplete: 'current-password' | 'new-password';
  shown: boolean;
  autoFocus?: boolean;
  name?: string;
}

export function PassphraseField({
  label,
  value,
  onChange,
  error,
  hint,
  autoComplete,
  shown,
  autoFocus,
  name,
}: PassphraseFieldProps): ReactNode {
  const { t } = useTranslation('session');
  const [capsLock, setCapsLock] = useState(false);
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));
  return (
    <LabelledField label={label} hint={capsLock ? [hint, t('capsLock')].filter(Boolean).join(' ') : hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          className="passphrase-input"
          type={shown ? 'text' : 'password'}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          maxLength={PASSPHRASE_MAX_LENGTH}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKey}
          onKeyUp={onKey}
          onBlur={() => setCapsLock(false)}
        />
      )}
    </LabelledField>
  );
}

/** "Show what I type": long passphrases are easier to get right when they can be seen. */
export function ShowPassphrase({ shown, onChange }: { shown: boolean; onChange: (shown: boolean) => void }) {
  const { t } = useTranslation('session');
  return (
    <label className="checkbox session-show">
      <input type="checkbox" checked={shown} onChange={(e) => onChange(e.target.checked)} />
      <span>{t('showPassphrase')}</span>
    </label>
  );
}

/** "Also bind to this computer": offered only where the OS key store is available, with what it adds. */
export function OsBindChoice({
  store,
  checked,
  onChange,
  hintId,
}: {
  store: { available: boolean; name: string | null } | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hintId: string;
}): ReactNode {
  const { t } = useTranslation('session');
  if (!store?.available) return null;
  return (
    <div className="session-bind">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{store.name ? t('setup.osBind', { store: store.name }) : t('setup.osBindUnnamed')}</span>
      </label>
      <p id={hintId} className="field__hint">
        {t('setup.osBindHint')}
      </p>
    </div>
  );
}

/** A problem of a passphrase being chosen: a `session` key (prefixed, so any `t` that loads `session` takes it). */
export type PassphraseProblemKey =
  'errors.required' | 'errors.too_long' | 'errors.passphrase_too_short' | 'errors.mismatch';
export interface PassphraseProblem {
  key: PassphraseProblemKey;
  values?: Record<string, number>;
}

/** The text of a problem from `checkNewPassphrase`, in the window's language (for any feature's screen). */
export function usePassphraseProblemText(): (problem: PassphraseProblem | undefined) => string | undefined {
  const { t } = useTranslation('session');
  return (problem) => problem && t(problem.key, { ...problem.values });
}

/** Problems (as translation keys with values) of a passphrase being chosen, typed twice. */
export function checkNewPassphrase(
  passphrase: string,
  repeat: string,
): Partial<Record<'passphrase' | 'repeat', PassphraseProblem>> {
  if (passphrase.length === 0) return { passphrase: { key: 'errors.required' } };
  if (!NewPassphrase.safeParse(passphrase).success) {
    return passphrase.length > PASSPHRASE_MAX_LENGTH
      ? { passphrase: { key: 'errors.too_long', values: { max: PASSPHRASE_MAX_LENGTH } } }
      : { passphrase: { key: 'errors.passphrase_too_short', values: { min: PASSPHRASE_MIN_LENGTH } } };
  }
  if (repeat !== passphrase) return { repeat: { key: 'errors.mismatch' } };
  return {};
}

/** A session field problem from the backend in the officer's language (its English message as a fallback). */
export function useSessionProblem(): (error: AppError, field: string) => string | undefined {
  const { t } = useTranslation('session');
  return (error, field) => {
    const problem = error.fields?.[field];
    if (!problem) return undefined;
    switch (problem.code) {
      case 'wrong_passphrase':
        return t('errors.wrong_passphrase', { count: Number(problem.params?.['failedAttempts'] ?? 1) });
      case 'passphrase_too_short':
        return t('errors.passphrase_too_short', { min: PASSPHRASE_MIN_LENGTH });
      case 'too_long':
        return t('errors.too_long', { max: PASSPHRASE_MAX_LENGTH });
      case 'same_passphrase':
      case 'wrong_recovery_secret':
        return t(`errors.${problem.code}`);
      case 'required':
        return t(field === 'secret' ? 'errors.requiredSecret' : 'errors.required');
      case 'try_later':
        return undefined; // shown as the countdown
      default:
        return problemText(problem);
    }
  };
}

/** Seconds to wait, from a `wrong_passphrase` (after the free attempts) or `try_later` answer; 0 if none. */
export function waitSeconds(error: AppError): number {
  if (error.code !== 'wrong_passphrase' && error.code !== 'try_later') return 0;
  for (const problem of Object.values(error.fields ?? {})) {
    const seconds = Number(problem.params?.['seconds'] ?? 0);
    if (seconds > 0) return seconds;
  }
  return 0;
}

/**
 * Moves the focus to the form's first field with a problem, after the render that marks it (the problems
 * of an answer from the backend arrive after an await, so a direct focus would run too early).
 */
export function useFocusFirstProblem(formRef: RefObject<HTMLElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request, formRef]);
  return () => setRequest((n) => n + 1);
}
