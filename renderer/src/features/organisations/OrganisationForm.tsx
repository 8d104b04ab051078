import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CountryField, SelectField, TextField } from '../../ui/fields';
import { useForm } from '../records/form-context';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';

export function OrganisationForm(): ReactNode {
  const { t, i18n } = useTranslation('organisations');
  const { values } = useForm();
  const terms = useTaxonomy((s) => s.terms.organisation_type);
  const current = values['type'];
  // Retired types are not offered anew, but one already on this record stays visible.
  const types = terms
    .filter((x) => x.retiredAt === null || x.code === current)
    .map((x) => ({ value: x.code, label: termLabel(x, i18n.language, x.code) }));
  if (typeof current === 'string' && current !== '' && !types.some((o) => o.value === current)) {
    types.push({ value: current, label: current });
  }

  return (
    <>
      <TextField name="name" label={t('fields.name')} hint={t('hint.name')} />
      <div className="form-row">
        <CountryField name="country" label={t('fields.country')} />
        <SelectField name="type" label={t('typeLabel')} placeholder={t('form.choose')} options={types} />
      </div>
      <TextField name="notes" label={t('fields.notes')} multiline />
    </>
  );
}
