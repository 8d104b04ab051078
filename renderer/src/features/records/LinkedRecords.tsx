import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_PREFIX, RECORD_KINDS, type RecordKind } from '../../../../shared/records/kinds';
import { records, type AnyRecord } from '../../api/records';
import { locale } from '../../i18n';
import { useRoute, type View } from '../../app/router';
import { recordTitle } from '../../ui/RecordLinksField';

// Each kind's view is named like its channel prefix (#/requests, requests.list).
const VIEW_OF: Record<RecordKind, View> = KIND_PREFIX;

/** Everything linked to a record, both ways: an organisation's engagements, a result's requests... */
export function LinkedRecords({ record }: { record: AnyRecord; kind: RecordKind }): ReactNode {
  const { t, i18n } = useTranslation('records');
  const { navigate } = useRoute();
  const [groups, setGroups] = useState<{ kind: RecordKind; total: number; more: boolean; items: AnyRecord[] }[] | null>(
    null,
  );

  useEffect(() => {
    let current = true;
    void Promise.all(
      RECORD_KINDS.map(async (kind) => {
        // Counted up to 1,000 (the default): past that the heading says "1,000+".
        const r = await records.list(kind, { filters: { linkedTo: record.id }, sort: 'newest', limit: 20 });
        const more = r.ok && r.value.more === true;
        return { kind, total: r.ok ? r.value.total : 0, more, items: r.ok ? r.value.items : [] };
      }),
    ).then((all) => {
      if (current) setGroups(all.filter((g) => g.total > 0));
    });
    return () => {
      current = false;
    };
  }, [record.id, record.revision]);

  if (!groups) return <p className="muted">{t('loading')}</p>;
  if (groups.length === 0) return <p className="muted">{t('nothingLinked')}</p>;
  return (
    <div className="linked">
      {groups.map((g) => (
        <section key={g.kind}>
          <h3>
            {t(`kinds.${g.kind}_other`)}{' '}
            <span className="muted">
              (
              {g.more
                ? t('linkedMore', { count: g.total })
                : new Intl.NumberFormat(locale(i18n.language)).format(g.total)}
              )
            </span>
          </h3>
          <ul>
            {g.items.map((item) => (
              <li key={item.id}>
                <button type="button" className="link-button" onClick={() => navigate(VIEW_OF[g.kind], item.id)}>
                  {recordTitle(item)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
