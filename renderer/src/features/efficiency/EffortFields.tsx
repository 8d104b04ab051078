import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatEuros,
  formatTimeSpent,
  parseTimeSpent,
  type EffortProblemCode,
} from '../../../../shared/effort/time-spent';
import { useForm } from '../records/form-context';
import { isKeyOf } from '../../i18n/lookup';
import { LabelledField } from '../../ui/Field';
import { en } from './i18n';
import './efficiency.css';

// Time spent and travel on an engagement or a request (issue 14, item 2): three small text fields, quick to type
// ("1.5", "1,5", "1:30", "90m"). The form holds the text as typed (or the stored number); the shared schema
// reads it and stores integers (shared/effort/time-spent.ts).

type Name = 'timeSpentMinutes' | 'travelDays' | 'travelCostCents';

function shown(name: Name, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return '';
  if (name === 'timeSpentMinutes') return formatTimeSpent(value);
  if (name === 'travelCostCents') return formatEuros(value);
  return String(value);
}

function EffortInput({
  name,
  label,
  hint,
  width,
}: {
  name: Name;
  label: string;
  hint?: string;
  width: string;
}): ReactNode {
  const { t } = useTranslation('efficiency');
  const { values, errors, setField } = useForm();
  const [left, setLeft] = useState(false);
  const text = shown(name, values[name]);
  const problem = errors[name];
  // Time: the problem shows as soon as the officer leaves the field, and what the text reads as while typing.
  const parsed = name === 'timeSpentMinutes' ? parseTimeSpent(text) : null;
  const code: string | undefined =
    problem?.code ?? (left && parsed && !parsed.ok ? (parsed.code satisfies EffortProblemCode) : undefined);
  const error = code ? (isKeyOf(en.errors, code) ? t(`errors.${code}`) : (problem?.message ?? code)) : undefined;
  const reads =
    parsed?.ok && parsed.value !== null && typeof values[name] === 'string'
      ? t('effort.reads', { time: formatTimeSpent(parsed.value) })
      : undefined;
  return (
    <LabelledField label={label} hint={reads ?? hint} error={error} className={`effort-field effort-field--${width}`}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => {
            setLeft(false);
            setField(name, e.target.value);
          }}
          onBlur={() => setLeft(true)}
        />
      )}
    </LabelledField>
  );
}

/** The time and travel fields of a record form. */
export function EffortFields(): ReactNode {
  const { t } = useTranslation('efficiency');
  return (
    <fieldset className="group effort-fields">
      <legend>{t('effort.legend')}</legend>
      <div className="form-row">
        <EffortInput
          name="timeSpentMinutes"
          label={t('effort.timeSpent')}
          hint={t('effort.timeSpentHint')}
          width="short"
        />
        <EffortInput name="travelDays" label={t('effort.travelDays')} width="short" />
        <EffortInput name="travelCostCents" label={t('effort.travelCost')} width="short" />
      </div>
    </fieldset>
  );
}
