import { useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../shared/contract/result';

interface FieldProps {
  label: string;
  hint?: string;
  problem?: FieldProblem | undefined;
  /** Receives the ids to wire up: the control's id and what describes it. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
}

/** A labelled form control with its hint and its error, announced to screen readers. */
export function Field({ label, hint, problem, children }: FieldProps): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(problem) })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {problem && (
        <p className="field__error" id={errorId} role="alert">
          {t(`error.${problem.code}`, { ...problem.params, defaultValue: problem.message })}
        </p>
      )}
    </div>
  );
}
