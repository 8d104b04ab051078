import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import type { ImportEntry } from '../../../../shared/records/origin';
import { formatDateTimeIn } from '../../../../shared/time/format';
import { call } from '../../api/bridge';
import { useRoute } from '../../app/router';
import { locale } from '../../i18n';
import { isKeyOf, isRecordKind } from '../../i18n/lookup';
import { en as records } from '../records/i18n';
import { formatPeriod } from '../overview/period';
import { useSettings } from '../settings/settings-store';
import { Fingerprint } from './parts';
import './opened-import.css';

// HQ: one import, opened from a record that came with it ("Open the bundle it came from" takes the officer to
// #/exchange/<export id>). What HQ keeps of it: the post, the export's number and period, the level, the file,
// when the post made it and HQ imported it, the records it carried and how many still hold its revision.

type Loaded = { state: 'loading' } | { state: 'ok'; entry: ImportEntry } | { state: 'failed'; error: AppError };

/** The import named in the route (#/exchange/<export id>), above the rest of HQ's exchange page. */
export function OpenedImport(): ReactNode {
  const { view, id } = useRoute();
  if (view !== 'exchange' || !id) return null;
  return <ImportView key={id} importId={id} />;
}

function ImportView({ importId }: { importId: string }): ReactNode {
  const { t, i18n } = useTranslation('records');
  const { navigate } = useRoute();
  const timeZone = useSettings((s) => s.settings.timeZone);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    void call('imports.get', { importId }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'ok', entry: result.value } : { state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [importId]);

  // The officer came here for this import: the focus goes to its heading once it is on screen.
  useEffect(() => {
    if (loaded.state !== 'loading') heading.current?.focus();
  }, [loaded.state]);

  const close = (
    <button type="button" className="button" onClick={() => navigate('exchange')}>
      {t('bundle.close')}
    </button>
  );

  if (loaded.state === 'loading') {
    return (
      <section className="exchange-section opened-import" aria-busy="true">
        <p className="muted">{t('bundle.loading')}</p>
      </section>
    );
  }
  if (loaded.state === 'failed') {
    const { error } = loaded;
    return (
      <section className="exchange-section opened-import" aria-labelledby="opened-import-title">
        <h2 id="opened-import-title" ref={heading} tabIndex={-1}>
          {t('bundle.notFound')}
        </h2>
        {error.code !== 'not_found' && (
          <p className="notice notice--error" role="alert">
            {t('bundle.failed', { message: error.message })}
          </p>
        )}
        {close}
      </section>
    );
  }

  const { entry } = loaded;
  const post = entry.postName ? `${entry.postName} (${entry.postId})` : entry.postId;
  const level = isKeyOf(records.bundle.levels, entry.level) ? t(`bundle.levels.${entry.level}`) : entry.level;
  const when = (iso: string) => formatDateTimeIn(iso, timeZone, i18n.language);
  const counts = Object.entries(entry.counts).filter(([, n]) => n > 0);
  return (
    <section className="exchange-section opened-import" aria-labelledby="opened-import-title">
      <h2 id="opened-import-title" ref={heading} tabIndex={-1}>
        {t('bundle.title', { post, sequence: entry.sequence })}
      </h2>
      <p className="exchange-section__intro muted">{t('bundle.intro')}</p>
      <dl className="opened-import__facts">
        <dt>{t('bundle.file')}</dt>
        <dd>{entry.fileName ?? <span className="muted">{t('bundle.fileUnknown')}</span>}</dd>
        <dt>{t('bundle.period')}</dt>
        <dd>{formatPeriod(entry.period, locale(i18n.language))}</dd>
        <dt>{t('bundle.level')}</dt>
        <dd>{level}</dd>
        <dt>{t('bundle.madeAt')}</dt>
        <dd>{when(entry.createdAt)}</dd>
        <dt>{t('bundle.importedAt')}</dt>
        <dd>{when(entry.importedAt)}</dd>
        <dt>{t('bundle.signedBy')}</dt>
        <dd>
          <Fingerprint value={entry.keyId} />
        </dd>
        <dt>{t('bundle.records')}</dt>
        <dd>
          {counts.length === 0 ? (
            t('bundle.none')
          ) : (
            <ul className="opened-import__counts">
              {counts.map(([kind, n]) => (
                <li key={kind}>
                  {isRecordKind(kind) ? t(`kinds.${kind}_other`) : kind}: {n}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('bundle.current')}</dt>
        <dd>{entry.currentRecords}</dd>
      </dl>
      {close}
    </section>
  );
}
