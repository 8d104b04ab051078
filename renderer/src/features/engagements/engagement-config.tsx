import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ENGAGEMENT_PURPOSES, EngagementInput } from '../../../../shared/records/engagement';
import type { AnyRecord } from '../../api/records';
import { formatDateTime } from '../../i18n/format';
import type { KindConfig } from '../records/kind-config';
import { fromLocalInput, optionalDate, toLocalInput, todayLocal } from '../records/form-model';
import { EngagementForm } from './EngagementForm';
import { en } from './i18n';
import { isKeyOf } from '../../i18n/lookup';
import './engagements.css';

const str = (r: AnyRecord, k: string) => (typeof r[k] === 'string' ? r[k] : '');

/** `overdue` once the follow-up day has passed, `today` on the day itself, otherwise `none`. */
export function followUpState(record: AnyRecord, today: string): 'overdue' | 'today' | 'none' {
  const on = str(record, 'followUpOn');
  if (!on || record['followUpDone'] === true) return 'none';
  if (on < today) return 'overdue';
  return on === today ? 'today' : 'none';
}

function EngagementRow({ record }: { record: AnyRecord }): ReactNode {
  const { t, i18n } = useTranslation('engagements');
  const purpose = str(record, 'purpose');
  const kindLabel = (kind: string) => (isKeyOf(en.kind, kind) ? t(`kind.${kind}`) : kind);
  const followUp = followUpState(record, todayLocal());
  return (
    <>
      <span className="row__main">
        <span className="row__title">{str(record, 'subject')}</span>
        <span className="row__meta">
          {formatDateTime(str(record, 'occurredAt'), i18n.language)} · {kindLabel(str(record, 'kind'))}
        </span>
      </span>
      <span className="row__side">
        <span className={`badge badge--${purpose}`}>
          {isKeyOf(en.purposeShort, purpose) ? t(`purposeShort.${purpose}`) : purpose}
        </span>
        {followUp !== 'none' && (
          <span className={`deadline deadline--${followUp === 'overdue' ? 'overdue' : 'due_soon'}`}>
            {t('followUpDue')}
          </span>
        )}
      </span>
    </>
  );
}

export const engagementConfig: KindConfig = {
  kind: 'engagement',
  view: 'engagements',
  ns: 'engagements',
  schema: EngagementInput,
  // The `status` facet holds the purpose; `overdue` finds follow-ups that are due.
  filters: ['period', 'phenomenon', 'status', 'overdue', 'post'],
  statusLabel: 'engagements:fields.purpose',
  dueSortLabel: 'engagements:fields.followUpOn',
  statuses: ENGAGEMENT_PURPOSES.map((p) => [p, `engagements:purpose.${p}`] as const),
  title: (r) => str(r, 'subject'),
  Form: EngagementForm,
  Row: EngagementRow,
  empty: ({ now, preset }) => ({
    occurredAt: toLocalInput(now.toISOString()),
    kind: 'meeting',
    subject: '',
    purpose: 'operational',
    organisationIds: [],
    personIds: [],
    phenomena: [],
    caseId: null,
    notes: '',
    followUpOn: '',
    followUpDone: false,
    ...preset,
  }),
  fromRecord: (r) => ({ ...r, occurredAt: toLocalInput(str(r, 'occurredAt')), followUpOn: str(r, 'followUpOn') }),
  toCandidate: (v) => {
    const keys = Object.keys(EngagementInput.shape);
    const out: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, v[k]]));
    out['occurredAt'] = fromLocalInput(typeof v['occurredAt'] === 'string' ? v['occurredAt'] : '');
    out['followUpOn'] = optionalDate(v['followUpOn']);
    if (out['followUpOn'] === null) out['followUpDone'] = false;
    return out;
  },
};
