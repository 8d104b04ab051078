import type { HTMLAttributes, ReactNode } from 'react';
import { LabelledField } from './Field';

// The pieces of the small inline forms beside a page's figures (a post's budget per year, a work plan's new
// activity): a plain labelled text field holding what is typed, and the line under the form that says what went
// wrong or what was done.

/** A labelled text input that keeps the text as typed; the form reads it on submit. */
export function PlainTextField({
  label,
  value,
  onChange,
  inputMode,
  maxLength,
  className,
  error,
  lang,
  autoComplete,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  className?: string;
  /** The problem, already in the officer's language: shown under the field and announced with it. */
  error?: string | undefined;
  lang?: string;
  autoComplete?: string;
}): ReactNode {
  return (
    <LabelledField label={label} className={className} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          lang={lang}
          autoComplete={autoComplete}
          value={value}
          maxLength={maxLength}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </LabelledField>
  );
}

/** The form's outcome, announced: the problem (already in the officer's language) or what was done. */
export function FormOutcome({ problem, done }: { problem: string | null; done: string | null }): ReactNode {
  return (
    <div aria-live="polite">
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {done && <p className="notice">{done}</p>}
    </div>
  );
}
