import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm, useTextValue } from '../features/records/form-context';
import { useCountryOptions } from '../i18n/format';
import { problemText as errorText } from '../i18n/lookup';
import { Field } from './Field';

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
