import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MIN_LENGTH } from '../../../../shared/session/schema';
import { checkNewPassphrase, PassphraseField, usePassphraseProblemText } from './passphrase';

// A new passphrase, typed twice: the one pair of fields first setup, "forgot my passphrase" and Settings ->
// change passphrase all use, with the same rule (the shared schema's length, both typings equal) and the same
// wording of its problems.

type Field = 'passphrase' | 'repeat';

export interface NewPassphrase {
  /** The passphrase as typed in the first field. */
  readonly passphrase: string;
  readonly repeat: string;
  /** The problems on screen, in the officer's language. */
  readonly errors: Readonly<Partial<Record<Field, string>>>;
  setPassphrase(value: string): void;
  setRepeat(value: string): void;
  /**
   * Checks the two typings and puts their problems on screen (a repeat that does not match is emptied, to be
   * typed again). True when the passphrase may be used.
   */
  check(): boolean;
  /** Puts a problem found elsewhere (the backend, "the same as the current one") on a field, or takes it off. */
  setProblem(field: Field, text: string | undefined): void;
  /** Empties both fields and their problems (after the passphrase was changed). */
  reset(): void;
}

/** The state behind `NewPassphraseFields`, kept by the form that submits it. */
export function useNewPassphrase(): NewPassphrase {
  const problemText = usePassphraseProblemText();
  const [passphrase, setPassphraseValue] = useState('');
  const [repeat, setRepeatValue] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const setProblem = useCallback((field: Field, text: string | undefined) => {
    setErrors((e) => ({ ...e, [field]: text }));
  }, []);

  return useMemo<NewPassphrase>(
    () => ({
      passphrase,
      repeat,
      errors,
      setPassphrase: (value) => {
        setPassphraseValue(value);
        setProblem('passphrase', undefined);
      },
      setRepeat: (value) => {
        setRepeatValue(value);
        setProblem('repeat', undefined);
      },
      check: () => {
        const problems = checkNewPassphrase(passphrase, repeat);
        const found = { passphrase: problemText(problems.passphrase), repeat: problemText(problems.repeat) };
        setErrors(found);
        if (found.repeat) setRepeatValue('');
        return !found.passphrase && !found.repeat;
      },
      setProblem,
      reset: () => {
        setPassphraseValue('');
        setRepeatValue('');
        setErrors({});
      },
    }),
    [passphrase, repeat, errors, problemText, setProblem],
  );
}

interface NewPassphraseFieldsProps {
  state: NewPassphrase;
  /** The labels of the two fields, as the screen words them ("New passphrase", "Type it again"). */
  label: string;
  repeatLabel: string;
  /** Whether the typing is shown (the form's "Show what I type"). */
  shown: boolean;
  autoFocus?: boolean;
  /** Called on every edit of either field (a form clears its "done" note). */
  onEdit?: () => void;
}

/** The two fields of a new passphrase, with the length rule as the first one's hint and their problems. */
export function NewPassphraseFields({
  state,
  label,
  repeatLabel,
  shown,
  autoFocus,
  onEdit,
}: NewPassphraseFieldsProps): ReactNode {
  const { t } = useTranslation('session');
  return (
    <>
      <PassphraseField
        label={label}
        hint={t('setup.passphraseHint', { min: PASSPHRASE_MIN_LENGTH })}
        value={state.passphrase}
        onChange={(value) => {
          state.setPassphrase(value);
          onEdit?.();
        }}
        error={state.errors.passphrase}
        autoComplete="new-password"
        shown={shown}
        autoFocus={autoFocus}
      />
      <PassphraseField
        label={repeatLabel}
        value={state.repeat}
        onChange={(value) => {
          state.setRepeat(value);
          onEdit?.();
        }}
        error={state.errors.repeat}
        autoComplete="new-password"
        shown={shown}
      />
    </>
  );
}
