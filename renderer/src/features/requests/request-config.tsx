import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InformationRequestInput, REQUEST_STATUSES } from '../../../../shared/requests/schema';
import type { AnyRecord } from '../../api/records';
import { countryName, formatDateTime } from '../../i18n/format';
import type { KindConfig } from '../records/kind-config';
import { fromLocalInput, lastUsed, optionalInstant, toLocalInput } from '../records/form-model';
import { DeadlineOutcomeChip } from './DeadlineOutcome';
import { RequestForm } from './RequestForm';
import { en } from './i18n';
import { en as common } from '../../i18n/en';
import { isKeyOf } from '../../i18n/lookup';
import { shouldAskWhyNotSiena } from '../../../../shared/requests/europol-nudge';
import { useSettings } from '../settings/settings-store';

const str = (r: AnyRecord, k: string) => (typeof r[k] === 'string' ? r[k] : '');

function RequestRow({ record }: { record: AnyRecord }): ReactNode {
  const { t, i18n } = useTranslation('requests');
  const direction = str(record, 'direction');
  const status = str(record, 'status');
  const channel = str(record, 'channel');
  return (
    <>
      <span className="row__main">
        <span className="row__title">{str(record, 'subject')}</span>
        <span className="row__meta">
          {formatDateTime(str(record, 'exchangedAt'), i18n.language)} ·{' '}
          {countryName(str(record, 'counterpartCountry'), i18n.language)} · {str(record, 'counterpartAgency')} ·{' '}
          {isKeyOf(common.channel, channel) ? t(`channel.${channel}`) : channel}
        </span>
      </span>
      <span className="row__side request-row__side">
        <span className="request-row__badges">
          <span className={`badge badge--${direction}`}>
            {isKeyOf(en.directionShort, direction) ? t(`directionShort.${direction}`) : direction}
          </span>
          <span className={`status status--${status}`}>
            {isKeyOf(en.status, status) ? t(`status.${status}`) : status}
          </span>
        </span>
        <DeadlineOutcomeChip record={record} />
      </span>
    </>
  );
}

export const requestConfig: KindConfig = {
  kind: 'request',
  view: 'requests',
  ns: 'requests',
  schema: InformationRequestInput,
  filters: ['period', 'phenomenon', 'country', 'channel', 'direction', 'status', 'overdue', 'post'],
  statuses: REQUEST_STATUSES.map((s) => [s, `requests:status.${s}`] as const),
  title: (r) => str(r, 'subject'),
  Form: RequestForm,
  Row: RequestRow,
  empty: ({ settings, now, preset }) => ({
    direction: 'incoming',
    counterpartCountry: lastUsed('request', 'counterpartCountry') ?? settings.hostCountry ?? '',
    counterpartAgency: '',
    channel: 'siena',
    exchangedAt: toLocalInput(now.toISOString()),
    subject: '',
    status: 'open',
    urgency: 'non_urgent',
    urgencyGround: null,
    accessibility: 'direct',
    nonSienaReason: null,
    nonSienaReasonText: '',
    answeredAt: '',
    refusalGround: null,
    judicialDeviation: false,
    deviationNote: '',
    spocCopied: false,
    spocExemption: '',
    europolCopied: false,
    phenomena: [],
    caseId: null,
    caseReference: '',
    notes: '',
    ...preset,
  }),
  fromRecord: (r) => ({
    ...r,
    exchangedAt: toLocalInput(str(r, 'exchangedAt')),
    answeredAt: toLocalInput(str(r, 'answeredAt')),
  }),
  toCandidate: (v) => {
    const keys = Object.keys(InformationRequestInput.shape);
    const out: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, v[k]]));
    out['exchangedAt'] = fromLocalInput(typeof v['exchangedAt'] === 'string' ? v['exchangedAt'] : '');
    out['answeredAt'] = optionalInstant(v['answeredAt']);
    if (out['urgency'] !== 'urgent') out['urgencyGround'] = null;
    if (out['status'] !== 'refused') out['refusalGround'] = null;
    // Answers to a question no longer on screen must not block saving or linger in the record.
    const homeCountry = useSettings.getState().settings.homeCountry;
    const text = (key: string) => (typeof out[key] === 'string' ? out[key] : '');
    const facts = { counterpartCountry: text('counterpartCountry'), channel: text('channel'), homeCountry };
    if (!shouldAskWhyNotSiena(facts)) out['nonSienaReason'] = null;
    if (out['nonSienaReason'] !== 'other') out['nonSienaReasonText'] = '';
    return out;
  },
};
