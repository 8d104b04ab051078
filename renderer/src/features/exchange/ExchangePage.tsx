import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../../shared/exchange/schema';
import { EnrolPost } from './EnrolPost';
import { useExchange } from './exchange-store';
import { ExportHistory } from './ExportHistory';
import { HqKeys } from './HqKeys';
import { ImportPanel } from './ImportPanel';
import { OpenedImport } from './OpenedImport';
import { PostExport } from './PostExport';
import { PostKeys } from './PostKeys';
import { PostsTable } from './PostsTable';
import { useFocusAfterRender } from './parts';
import { SetupForm } from './SetupForm';
import './exchange.css';

/**
 * The exchange between a post and HQ on one page, shaped by this laptop's role: first-run setup, a post's
 * keys and exports, or HQ's keys, enrolments, imports and posts. Until the first exchange is possible
 * (no HQ key at a post, no post enrolled at HQ), the setting-up sections come first; after that, the daily work.
 */
export function ExchangePage(): ReactNode {
  const { t } = useTranslation('exchange');
  const { identity, error, load } = useExchange();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusLater = useFocusAfterRender();

  useEffect(() => {
    void load();
  }, [load]);

  const mode = identity?.role ?? 'none';
  return (
    <div className="page exchange">
      <header className="page__header exchange__header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t(`title.${mode}`)}
          </h1>
          <p className="muted">{t(`intro.${mode}`)}</p>
          {identity?.role === 'post' && identity.postId && (
            <p className="exchange__who">
              {t('whoPost', {
                postId: identity.postId,
                postName: identity.postName,
                officer: identity.officer,
              })}
            </p>
          )}
          {identity?.role === 'hq' && identity.hqName && <p className="exchange__who">{identity.hqName}</p>}
        </div>
      </header>

      {!identity && error && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('loadError', { message: error })}{' '}
            <button type="button" className="link-button" onClick={() => void load()}>
              {t('retry')}
            </button>
          </p>
        </div>
      )}
      {!identity && !error && <p className="muted">{t('loading')}</p>}

      {identity?.role === null && <SetupForm onDone={() => focusLater(() => heading.current)} />}
      {identity?.role === 'post' && <PostSections identity={identity} />}
      {identity?.role === 'hq' && <OpenedImport />}
      {identity?.role === 'hq' && <HqSections identity={identity} />}
    </div>
  );
}

function PostSections({ identity }: { identity: Identity }): ReactNode {
  // The order is chosen once per visit, so nothing jumps while the officer works on the page.
  const [ready] = useState(() => identity.hqKeys.some((k) => !k.retired));
  const keys = <PostKeys key="keys" identity={identity} />;
  const work = [<PostExport key="export" identity={identity} />, <ExportHistory key="history" />];
  return <>{ready ? [...work, keys] : [keys, ...work]}</>;
}

function HqSections({ identity }: { identity: Identity }): ReactNode {
  const { posts, loadPosts } = useExchange();
  const [ready, setReady] = useState<boolean | null>(null);

  useEffect(() => {
    void loadPosts();
  }, [loadPosts]);
  useEffect(() => {
    if (ready === null && posts !== null) setReady(posts.length > 0);
  }, [posts, ready]);

  if (ready === null) return null;
  const setUp = (
    <div key="setup" className="exchange-columns">
      <EnrolPost />
      <HqKeys identity={identity} />
    </div>
  );
  const work = [<ImportPanel key="import" />, <PostsTable key="posts" />];
  return <>{ready ? [...work, setUp] : [setUp, ...work]}</>;
}
