import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField, TextField } from '../../ui/fields';
import { RecordLinksField } from '../../ui/RecordLinksField';
import { routeHash, useRoute } from '../../app/router';

export function PersonForm(): ReactNode {
  const { t } = useTranslation('people');
  const id = useRoute((s) => s.id);
  const { t: tr } = useTranslation('retention');
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
      {/* Everything about this person, for a data-protection request (issue 13, item 5). */}
      {id && id !== 'new' && (
        <p>
          <a href={routeHash({ view: 'person-data', id })}>{tr('person.open')}</a>
        </p>
      )}
    </>
  );
}
