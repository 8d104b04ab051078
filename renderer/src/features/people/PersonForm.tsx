import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField, TextField } from '../../ui/fields';
import { RecordLinksField } from '../../ui/RecordLinksField';

export function PersonForm(): ReactNode {
  const { t } = useTranslation('people');
  return (
    <>
      <p className="nudge" role="note">
        {t('personalData')}
      </p>
      <TextField name="name" label={t('fields.name')} />
      <RecordLinksField name="organisationId" kind="organisation" multiple={false} label={t('fields.organisationId')} />
      <TextField name="role" label={t('fields.role')} hint={t('hint.role')} />
      <div className="form-row">
        <InputField name="email" type="email" label={t('fields.email')} />
        <InputField name="phone" type="tel" label={t('fields.phone')} hint={t('hint.phone')} />
      </div>
      <TextField name="notes" label={t('fields.notes')} multiline />
    </>
  );
}
