import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CaseInput } from '../../../../shared/records/case';
import type { AnyRecord } from '../../api/records';
import type { KindConfig } from '../records/kind-config';
import { useTermLabel } from '../taxonomy/taxonomy-store';
import { CaseForm } from './CaseForm';
import { en } from './i18n';
import { isKeyOf } from '../../i18n/lookup';
import './cases.css';

const str = (r: AnyRecord, k: string) => (typeof r[k] === 'string' ? r[k] : '');
const list = (r: AnyRecord, k: string) => (Array.isArray(r[k]) ? (r[k] as string[]) : []);

function CaseRow({ record }: { record: AnyRecord }): ReactNode {
  const { t, i18n } = useTranslation('cases');
  const termLabel = useTermLabel();
  const status = str(record, 'status');
  const phenomena = list(record, 'phenomena').map((code) => termLabel('phenomenon', code, i18n.language));
  return (
    <>
      <span className="row__main">
        <span className="row__title">
          {str(record, 'reference')} · {str(record, 'name')}
        </span>
        {phenomena.length > 0 && <span className="row__meta">{phenomena.join(', ')}</span>}
      </span>
      <span className="row__side">
        <span className={`status status--${status}`}>
          {isKeyOf(en.status, status) ? t(`status.${status}`) : status}
        </span>
      </span>
    </>
  );
}

export const caseConfig: KindConfig = {
  kind: 'case',
  view: 'cases',
  ns: 'cases',
  schema: CaseInput,
  filters: ['phenomenon', 'status'],
  timeless: true,
  statuses: CASE_STATUSES.map((s) => [s, `cases:status.${s}`] as const),
  title: (r) => `${str(r, 'reference')} · ${str(r, 'name')}`,
  Form: CaseForm,
  Row: CaseRow,
  empty: ({ preset }) => ({
    reference: '',
    name: '',
    phenomena: [],
    status: 'active',
    notes: '',
    ...preset,
  }),
  fromRecord: (r) => ({ ...r }),
  toCandidate: (v) => {
    const keys = Object.keys(CaseInput.shape);
    return Object.fromEntries(keys.map((k) => [k, v[k]]));
  },
};
