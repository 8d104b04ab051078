import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganisationInput } from '../../../../shared/records/organisation';
import type { AnyRecord } from '../../api/records';
import { countryName, formatDay } from '../../i18n/format';
import type { KindConfig } from '../records/kind-config';
import { useTermLabel } from '../taxonomy/taxonomy-store';
import { OrganisationForm } from './OrganisationForm';

const str = (r: AnyRecord, k: string) => (typeof r[k] === 'string' ? r[k] : '');

function OrganisationRow({ record }: { record: AnyRecord }): ReactNode {
  const { t, i18n } = useTranslation('organisations');
  const termLabel = useTermLabel();
  const country = str(record, 'country');
  const last = str(record, 'lastContactAt');
  const when = last ? formatDay(last, i18n.language) : null;
  return (
    <>
      <span className="row__main">
        <span className="row__title">{str(record, 'name')}</span>
        <span className="row__meta">
          {country && countryName(country, i18n.language)} ·{' '}
          {termLabel('organisation_type', str(record, 'type'), i18n.language)}
        </span>
      </span>
      <span className="row__side">
        <span className="muted small">{when ? t('lastContact', { when }) : t('never')}</span>
      </span>
    </>
  );
}

export const organisationConfig: KindConfig = {
  kind: 'organisation',
  view: 'organisations',
  ns: 'organisations',
  schema: OrganisationInput,
  // The `status` facet holds the type, but types are an editable taxonomy and `statuses` takes fixed i18n keys.
  filters: ['country'],
  timeless: true,
  title: (r) => str(r, 'name'),
  Form: OrganisationForm,
  Row: OrganisationRow,
  empty: ({ settings, preset }) => ({
    name: '',
    country: settings.hostCountry ?? '',
    type: null,
    notes: '',
    ...preset,
  }),
  fromRecord: (r) => ({ ...r }),
  toCandidate: (v) => {
    const keys = Object.keys(OrganisationInput.shape);
    const out: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, v[k]]));
    // An unchosen country or type is "required", not "wrong form".
    if (out['country'] === '') out['country'] = null;
    if (out['type'] === '') out['type'] = null;
    return out;
  },
};
