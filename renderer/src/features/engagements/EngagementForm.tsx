import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ENGAGEMENT_KINDS, ENGAGEMENT_PURPOSES } from '../../../../shared/records/engagement';
import { CheckboxField, InputField, RadioField, SelectField, TextField } from '../../ui/fields';
import { PhenomenaField } from '../../ui/PhenomenaField';
import { RecordLinksField } from '../../ui/RecordLinksField';
import { useForm } from '../records/form-context';
import { EffortFields } from '../efficiency/EffortFields';
import { PlannedActivityField } from '../workplan/PlannedActivityField';

export function EngagementForm(): ReactNode {
  const { t } = useTranslation('engagements');
  const { values } = useForm();
  const hasFollowUp = typeof values['followUpOn'] === 'string' && values['followUpOn'] !== '';

  return (
    <>
      <div className="form-row">
        <InputField name="occurredAt" type="datetime-local" label={t('fields.occurredAt')} />
        <SelectField
          name="kind"
          label={t('kindLabel')}
          options={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      </div>
      <TextField name="subject" label={t('fields.subject')} hint={t('hint.subject')} />
      <div className="engagement-purpose">
        <RadioField
          name="purpose"
          label={t('fields.purpose')}
          options={ENGAGEMENT_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
        />
      </div>
      <RecordLinksField name="organisationIds" kind="organisation" label={t('fields.organisationIds')} />
      <RecordLinksField name="personIds" kind="person" label={t('fields.personIds')} />
      <PhenomenaField label={t('fields.phenomena')} />
      <RecordLinksField name="caseId" kind="case" multiple={false} label={t('fields.caseId')} />
      <TextField name="notes" label={t('fields.notes')} multiline />
      <EffortFields />
      <PlannedActivityField />
      <fieldset className="group">
        <legend>{t('followUp')}</legend>
        <div className="form-row engagement-follow-up">
          <InputField name="followUpOn" type="date" label={t('fields.followUpOn')} hint={t('hint.followUpOn')} />
          {hasFollowUp && <CheckboxField name="followUpDone" label={t('fields.followUpDone')} />}
        </div>
      </fieldset>
    </>
  );
}
