import type { ReactNode } from 'react';
import { LabelledField } from '../../ui/Field';

/** The app's one labelled field (ui/Field.tsx), under this feature's name. */
export { LabelledField as FormField };

/** A whole number within bounds, kept as typed (a half-typed value stays on screen; the schema checks it on save). */
export function WholeNumberField({
  label,
  hint,
  error,
  min,
  max,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  error: string | undefined;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}): ReactNode {
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          className="settings-form__days"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </LabelledField>
  );
}
