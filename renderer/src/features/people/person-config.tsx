import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonInput } from '../../../../shared/records/person';
import type { AnyRecord } from '../../api/records';
import type { KindConfig } from '../records/kind-config';
import { PersonForm } from './PersonForm';

const str = (r: AnyRecord, k: string) => (typeof r[k] === 'string' ? r[k] : '');

function PersonRow({ record }: { record: AnyRecord }): ReactNode {
  const { t } = useTranslation('people');
  const role = str(record, 'role');
  return (
    <span className="row__main">
      <span className="row__title">{str(record, 'name')}</span>
      <span className="row__meta">{role || t('noRole')}</span>
    </span>
  );
}

export const personConfig: KindConfig = {
  kind: 'person',
  view: 'people',
  ns: 'people',
  schema: PersonInput,
  // People have no facets to filter on; the search box finds them by name, role, e-mail and notes.
  filters: [],
  timeless: true,
  title: (r) => str(r, 'name'),
  Form: PersonForm,
  Row: PersonRow,
  empty: ({ preset }) => ({
    name: '',
    organisationId: null,
    role: '',
    email: '',
    phone: '',
    notes: '',
    ...preset,
  }),
  fromRecord: (r) => ({ ...r }),
  toCandidate: (v) => {
    const keys = Object.keys(PersonInput.shape);
    return Object.fromEntries(keys.map((k) => [k, v[k]]));
  },
};
