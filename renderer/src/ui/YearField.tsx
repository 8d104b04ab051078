import type { ReactNode } from 'react';
import { LabelledField } from './Field';

/** The years a plan, a budget or a figure may be for. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** Whether `n` is a whole year in that range. */
export function isYearInRange(n: number): boolean {
  return Number.isInteger(n) && n >= YEAR_MIN && n <= YEAR_MAX;
}

/**
 * A labelled year picker (a number field from YEAR_MIN to YEAR_MAX) for the pages that show one year at a time
 * (efficiency, work plan). Only a year in range reaches `onChange`; half-typed text waits.
 */
export function YearField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (year: number) => void;
}): ReactNode {
  return (
    <LabelledField label={label}>
      {({ id }) => (
        <input
          id={id}
          type="number"
          min={YEAR_MIN}
          max={YEAR_MAX}
          value={value}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (isYearInRange(n)) onChange(n);
          }}
        />
      )}
    </LabelledField>
  );
}
