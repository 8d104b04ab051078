import { useId, type ReactElement, type ReactNode } from 'react';
import { useProblemText } from '../i18n/lookup';
import type { FieldProblem } from '../../../shared/contract/result';

interface LabelledFieldProps {
  label: string;
  hint?: string | undefined;
  /** The problem, already in the officer's language. */
  error?: string | undefined;
  className?: string | undefined;
  /** Receives the ids to wire up: the control's id and what describes it. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
}

/** A labelled form control with its hint and its error, announced to screen readers. The one such control. */
export function LabelledField({ label, hint, error, className, children }: LabelledFieldProps): ReactNode {
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

interface FieldProps extends Omit<LabelledFieldProps, 'error'> {
  problem?: FieldProblem | undefined;
}

/** A labelled control whose problem comes from the backend or the shared schema, translated by its code. */
export function Field({ problem, ...rest }: FieldProps): ReactNode {
  const problemText = useProblemText(); // follows a change of language
  const error = problemText(problem);
  return <LabelledField {...rest} error={error} />;
}
