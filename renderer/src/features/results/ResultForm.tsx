import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QUANTITY_UNITS, RESULT_KINDS } from '../../../../shared/records/result';
import { InputField, SelectField, TextField } from '../../ui/fields';
import { PhenomenaField } from '../../ui/PhenomenaField';
import { RecordLinksField } from '../../ui/RecordLinksField';
import { useForm } from '../records/form-context';
import { isCountedKind } from './result-kinds';

export function ResultForm(): ReactNode {
  const { t } = useTranslation('results');
  const { values } = useForm();
  const kind = typeof values['kind'] === 'string' ? values['kind'] : '';

  return (
    <>
      <div className="form-row">
        <SelectField
          name="kind"
          label={t('kindLabel')}
          options={RESULT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <InputField name="achievedOn" type="date" label={t('fields.achievedOn')} />
      </div>
      <TextField name="description" label={t('fields.description')} hint={t('hint.description')} multiline />
      {isCountedKind(kind) && (
        <div className="form-row">
          <InputField name="count" type="number" label={t(`countLabel.${kind}`)} />
        </div>
      )}
      {kind === 'seizure' && (
        <fieldset className="group">
          <legend>{t('seized')}</legend>
          <TextField name="substance" label={t('fields.substance')} hint={t('hint.substance')} />
          <div className="form-row">
            <InputField name="quantity" type="number" label={t('fields.quantity')} />
            <SelectField
              name="unit"
              label={t('fields.unit')}
              placeholder={t('form.choose')}
              options={QUANTITY_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
            />
          </div>
        </fieldset>
      )}
      {kind === 'assets_frozen' && (
        <div className="form-row">
          <InputField name="quantity" type="number" label={t('amountFrozen')} />
        </div>
      )}
      <PhenomenaField label={t('fields.phenomena')} />
      <fieldset className="group">
        <legend>{t('links')}</legend>
        <RecordLinksField name="engagementIds" kind="engagement" label={t('fields.engagementIds')} />
        <RecordLinksField name="requestIds" kind="request" label={t('fields.requestIds')} />
        <RecordLinksField name="caseId" kind="case" multiple={false} label={t('fields.caseId')} />
      </fieldset>
    </>
  );
}
