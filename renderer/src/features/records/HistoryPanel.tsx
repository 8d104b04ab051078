import { useEffect, useState, type ReactNode } from 'react';
import type { RecordKind } from '../../../../shared/records/kinds';
import type { AuditEntry } from '../../../../shared/records/queries';
import { records } from '../../api/records';
import { recordTitle } from '../../ui/RecordLinksField';
import { useTermLabel } from '../taxonomy/taxonomy-store';
import { useTranslation } from 'react-i18next';
import { en as common } from '../../i18n/en';
import { formatDateTime } from '../../i18n/format';
import { dataLabel, isKeyOf } from '../../i18n/lookup';
import type { KindConfig } from './kind-config';
import { recordPageStore } from './record-page-store';

const LINK_FIELDS: Record<string, RecordKind> = {
  organisationIds: 'organisation',
  organisationId: 'organisation',
  personIds: 'person',
  engagementIds: 'engagement',
  requestIds: 'request',
  caseId: 'case',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Link ids in a history table are shown as the linked records' titles, fetched once. */
function useLinkTitles(history: AuditEntry[] | null): Map<string, string> {
  const [titles, setTitles] = useState(new Map<string, string>());
  useEffect(() => {
    if (!history) return;
    const wanted = new Map<string, RecordKind>();
    for (const entry of history) {
      for (const [field, pair] of Object.entries(entry.changes)) {
        const kind = LINK_FIELDS[field];
        if (!kind) continue;
        for (const v of pair.flat()) if (typeof v === 'string' && UUID.test(v)) wanted.set(v, kind);
      }
    }
    let current = true;
    void Promise.all([...wanted].map(async ([id, kind]) => [id, await records.get(kind, id)] as const)).then((all) => {
      if (!current) return;
      setTitles(new Map(all.filter(([, r]) => r.ok).map(([id, r]) => [id, r.ok ? recordTitle(r.value) : id])));
    });
    return () => {
      current = false;
    };
  }, [history]);
  return titles;
}

/** The audit trail of one record: who-knows-when is not good enough for police data, so every change shows. */
export function HistoryPanel({ config }: { config: KindConfig }): ReactNode {
  const { t, i18n } = useTranslation('records');
  const useStore = recordPageStore(config);
  const { history, loadHistory, selection } = useStore();
  const revision = selection.mode === 'edit' ? selection.record.revision : 0;
  const termLabel = useTermLabel();

  useEffect(() => {
    void loadHistory();
  }, [loadHistory, revision]);

  const titles = useLinkTitles(history);

  /** A stored value as the officer knows it: option labels translated, links by title, dates readable. */
  function show(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => show(field, v)).join(', ');
    if (typeof value === 'boolean') return value ? '✓' : '✗';
    if (typeof value !== 'string') return JSON.stringify(value);
    if (UUID.test(value)) return titles.get(value) ?? '…';
    if (field === 'phenomena') return termLabel('phenomenon', value, i18n.language);
    if (field === 'type' && config.kind === 'organisation') return termLabel('organisation_type', value, i18n.language);
    if (field === 'channel') return isKeyOf(common.channel, value) ? t(`channel.${value}`) : value;
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, i18n.language);
    return dataLabel(config.ns, `${field}.${value}`, value);
  }

  if (!history) return <p className="muted">{t('loading')}</p>;
  return (
    <ol className="history">
      {[...history].reverse().map((entry) => (
        <li key={`${entry.revision}-${entry.at}-${entry.action}`}>
          <p>
            <strong>{t(`action.${entry.action}`)}</strong>{' '}
            <span className="muted">
              {formatDateTime(entry.at, i18n.language)} · {t('revisionShort', { revision: entry.revision })}
            </span>
          </p>
          {entry.action === 'update' && (
            <table className="history__changes">
              <caption className="visually-hidden">{t('changes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field')}</th>
                  <th scope="col">{t('before')}</th>
                  <th scope="col">{t('after')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(entry.changes).map(([field, [before, after]]) => (
                  <tr key={field}>
                    <th scope="row">{dataLabel(config.ns, `fields.${field}`, field)}</th>
                    <td>{show(field, before)}</td>
                    <td>{show(field, after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
