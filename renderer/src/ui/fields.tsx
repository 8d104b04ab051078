import i18next from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isWallClock, wallClockToInstant } from '../../../shared/time/clock';
import { useForm, useTextValue } from '../features/records/form-context';
import { useSettings } from '../features/settings/settings-store';
import { useCountryOptions } from '../i18n/format';
import { problemText as errorText } from '../i18n/lookup';
import { DateInput, DateTimeInput } from './datetime/DateInputs';
import { checkDateText, checkDateTimeText, displayText, type DateInputProblem } from './datetime/parse';
import { zoneLabelIfForeign } from './datetime/zone';
import { Field, LabelledField } from './Field';

// Form controls bound by name to the record form around them. Each shows its label, hint and problem.

interface Common {
  name: string;
  label: string;
  hint?: string;
}

export function TextField({ name, label, hint, multiline = false }: Common & { multiline?: boolean }): ReactNode {
  const { errors, setField } = useForm();
  const value = useTextValue(name);
  return (
    <Field label={label} hint={hint} problem={errors[name]}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            rows={4}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setField(name, e.target.value)}
          />
        ) : (
          <input
            id={id}
            name={name}
            type="text"
            autoComplete="off"
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setField(name, e.target.value)}
          />
        )
      }
    </Field>
  );
}

export function InputField({
  name,
  label,
  hint,
  type,
}: Common & { type: 'datetime-local' | 'date' | 'number' | 'email' | 'tel' }): ReactNode {
  const { errors, setField } = useForm();
  const value = useTextValue(name);
  if (type === 'datetime-local' || type === 'date') {
    return <ClockField name={name} label={label} hint={hint} kind={type === 'date' ? 'date' : 'datetime'} />;
  }
  return (
    <Field label={label} hint={hint} problem={errors[name]}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type={type}
          inputMode={type === 'number' ? 'decimal' : undefined}
          step={type === 'number' ? 'any' : undefined}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => setField(name, e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * A date or a date and time on the post's clock, in the app's own inputs (day-month-year, 24-hour clock in the
 * app's language, whatever the laptop's locale). A date-time is labelled with the post's zone where the laptop's
 * clock differs. The form holds the wall clock (or the text as typed); a text that does not read, or a time the
 * clocks jumped over, shows its problem once the officer leaves the field, and again on saving (form-model).
 */
function ClockField({ name, label, hint, kind }: Common & { kind: 'date' | 'datetime' }): ReactNode {
  const { errors, setField } = useForm();
  const { i18n } = useTranslation();
  const language = i18n.language;
  const value = useTextValue(name);
  const timeZone = useSettings((s) => s.settings.timeZone);
  const [left, setLeft] = useState(false);
  const checked = kind === 'date' ? checkDateText(value) : checkDateTimeText(value, language, timeZone);
  const saved = errors[name];
  // The form's problem of a date's own code is shown from the value as it is now (and in today's language).
  const clockCode = saved && isClockCode(saved.code);
  const own = checked.problem && (left || clockCode) ? checked.problem : null;
  const error = own ? clockProblemText(own, language) : saved && !clockCode ? errorText(saved) : undefined;
  const instant =
    kind === 'datetime' && isWallClock(checked.value) ? wallClockToInstant(checked.value, timeZone) : null;
  const zone =
    kind === 'datetime'
      ? zoneLabelIfForeign(timeZone, language, instant?.ok ? instant.instant : new Date())
      : undefined;
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => {
        const common = {
          id,
          name,
          value,
          language,
          describedBy,
          invalid,
          onChange: (next: string) => {
            setLeft(false);
            setField(name, next);
          },
          onBlur: () => setLeft(true),
        };
        return kind === 'date' ? (
          <DateInput {...common} />
        ) : (
          <DateTimeInput {...common} timeZone={timeZone} zoneLabel={zone} />
        );
      }}
    </LabelledField>
  );
}

const CLOCK_CODES = ['date_format', 'time_format', 'dst_gap'] as const;
function isClockCode(code: string): code is (typeof CLOCK_CODES)[number] {
  return (CLOCK_CODES as readonly string[]).includes(code);
}

/** A date input's problem in the app's language; the jump's times written as the input writes them. */
function clockProblemText(problem: DateInputProblem, language: string): string {
  const params = problem.params;
  return problem.code === 'dst_gap' && params
    ? i18next.t('datetime:problem.dst_gap', {
        from: displayText(params.from, language),
        to: displayText(params.to, language),
      })
    : i18next.t(`datetime:problem.${problem.code}`, { from: '', to: '' });
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  name,
  label,
  hint,
  options,
  placeholder,
}: Common & { options: readonly Option[]; placeholder?: string }): ReactNode {
  const { errors, setField } = useForm();
  const value = useTextValue(name);
  return (
    <Field label={label} hint={hint} problem={errors[name]}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => setField(name, e.target.value === '' && placeholder !== undefined ? null : e.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CountryField({ name, label, hint }: Common): ReactNode {
  const { t, i18n } = useTranslation();
  const countries = useCountryOptions(i18n.language);
  const options = countries.map((c) => ({ value: c.code, label: c.label }));
  return <SelectField name={name} label={label} hint={hint} options={options} placeholder={t('form.chooseCountry')} />;
}

export function RadioField({ name, label, options }: Common & { options: readonly Option[] }): ReactNode {
  const { values, errors, setField } = useForm();
  const problem = errors[name];
  useTranslation(); // the problem's text follows a change of language
  return (
    <fieldset className={problem ? 'field field--radios field--invalid' : 'field field--radios'}>
      <legend>{label}</legend>
      <div className="radios">
        {options.map((o) => (
          <label key={o.value} className="radio">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={values[name] === o.value}
              onChange={() => setField(name, o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {problem && (
        <p className="field__error" role="alert">
          {errorText(problem)}
        </p>
      )}
    </fieldset>
  );
}

export function CheckboxField({ name, label, hint }: Common): ReactNode {
  const { values, setField } = useForm();
  return (
    <div className="field field--checkbox">
      <label className="checkbox">
        <input
          type="checkbox"
          name={name}
          checked={values[name] === true}
          onChange={(e) => setField(name, e.target.checked)}
        />
        {label}
      </label>
      {hint && <p className="field__hint">{hint}</p>}
    </div>
  );
}
