import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostStatus } from '../../../../shared/exchange/schema';
import { locale } from '../../i18n';
import { countryName, formatDateTime } from '../../i18n/format';
import { formatPeriod } from '../overview/period';
import { formatList, formatNumber } from './display';
import { useExchange } from './exchange-store';
import { Fingerprint, Section } from './parts';

/** HQ: every enrolled post, its keys, what arrived last, and whether anything is missing or replaced. */
export function PostsTable(): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const { posts, loadPosts } = useExchange();

  useEffect(() => {
    void loadPosts();
  }, [loadPosts]);

  return (
    <Section id="exchange-posts" title={t('posts.title')}>
      {posts === null ? (
        <p className="muted">{t('loading')}</p>
      ) : posts.length === 0 ? (
        <p className="muted">{t('posts.empty')}</p>
      ) : (
        <div className="exchange-table-wrap">
          <table className="exchange-table exchange-posts">
            <caption className="visually-hidden">{t('posts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('posts.col.post')}</th>
                <th scope="col">{t('posts.col.officers')}</th>
                <th scope="col">{t('posts.col.keys')}</th>
                <th scope="col">{t('posts.col.last')}</th>
                <th scope="col" className="exchange-num">
                  {t('posts.col.bundles')}
                </th>
                <th scope="col">{t('posts.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {posts.map((p) => (
                <PostRow key={p.postId} post={p} language={i18n.language} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function PostRow({ post: p, language }: { post: PostStatus; language: string }): ReactNode {
  const { t } = useTranslation('exchange');
  const officers = [...new Set(p.keys.map((k) => k.officer))];
  const missing = [...new Set(p.gaps.flatMap((g) => g.missing))].sort((a, b) => a - b);
  const broken = [...new Set(p.brokenChains.map((b) => b.sequence))].sort((a, b) => a - b);
  const trouble = missing.length > 0 || broken.length > 0;
  return (
    <tr className={trouble ? 'has-trouble' : undefined}>
      <th scope="row">
        <span className="exchange-post-code">{p.postId}</span>
        <span className="exchange-post-name">{p.postName}</span>
        {p.country && <span className="muted small">{countryName(p.country, language)}</span>}
      </th>
      <td>
        {officers.map((o) => (
          <span key={o} className="exchange-stack">
            {o}
          </span>
        ))}
      </td>
      <td>
        {p.keys.map((k) => (
          <span key={k.keyId} className={`exchange-stack${k.revokedAt ? ' is-revoked' : ''}`}>
            <Fingerprint value={k.keyId} />
            {k.revokedAt && <span className="small"> ({t('posts.revoked')})</span>}
          </span>
        ))}
      </td>
      <td>
        {p.lastExportAt && p.lastPeriod ? (
          <>
            <span className="exchange-stack nowrap">{formatPeriod(p.lastPeriod, locale(language))}</span>
            <span className="exchange-stack muted small">
              {t('posts.created', { when: formatDateTime(p.lastExportAt, language) })}
            </span>
          </>
        ) : (
          <span className="muted">{t('posts.never')}</span>
        )}
      </td>
      <td className="exchange-num">{formatNumber(p.bundles, language)}</td>
      <td>
        {!trouble ? (
          p.bundles > 0 ? (
            <span className="exchange-pill exchange-pill--ok">{t('posts.complete')}</span>
          ) : (
            <span className="muted">—</span>
          )
        ) : (
          <>
            {missing.length > 0 && (
              <span className="exchange-stack exchange-trouble">
                <span aria-hidden="true">⚠ </span>
                {t('posts.missing', { count: missing.length, list: formatList(missing, language) })}
              </span>
            )}
            {broken.length > 0 && (
              <span className="exchange-stack exchange-trouble">
                <span aria-hidden="true">⚠ </span>
                {t('posts.broken', { count: broken.length, list: formatList(broken, language) })}
              </span>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
