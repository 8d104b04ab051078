import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '../../../../shared/records/case';
import { RadioField, TextField } from '../../ui/fields';
import { PhenomenaField } from '../../ui/PhenomenaField';

export function CaseForm(): ReactNode {
  const { t } = useTranslation('cases');
  return (
    <>
      <div className="form-row">
        <TextField name="reference" label={t('fields.reference')} hint={t('hint.reference')} />
        <TextField name="name" label={t('fields.name')} hint={t('hint.name')} />
      </div>
      <PhenomenaField label={t('fields.phenomena')} />
      <RadioField
        name="status"
        label={t('fields.status')}
        options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <TextField name="notes" label={t('fields.notes')} multiline />
    </>
  );
}
