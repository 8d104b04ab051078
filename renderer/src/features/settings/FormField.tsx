import { useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';

/** Field problems in the officer's language: field-specific wording first, then the app's general wording. */
export function useProblemText(): (field: string, problem: FieldProblem | undefined) => string | undefined {
  const { t } = useTranslation();
  return (field, problem) =>
    problem
      ? t([`settings.errors.${field}.${problem.code}`, `settings.errors.${problem.code}`, `error.${problem.code}`], {
          ...problem.params,
          defaultValue: problem.message,
        })
      : undefined;
}

interface FormFieldProps {
  label: string;
  hint?: string | undefined;
  /** Already translated. */
  error?: string | undefined;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
}

/** A labelled control with its hint and its problem (announced when it appears), like ui/Field. */
export function FormField({ label, hint, error, className, children }: FormFieldProps): ReactNode {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
