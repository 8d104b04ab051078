import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostStatus } from '../../../../shared/exchange/schema';
import type { PostHistory, PostKeyDetail } from '../../../../shared/handover/schema';
import { call } from '../../api/bridge';
import { problemText } from '../../i18n/lookup';
import { locale } from '../../i18n';
import { countryName, formatDateTime, formatDay } from '../../i18n/format';
import { formatPeriod } from '../overview/period';
import { formatList, formatNumber } from './display';
import { useExchange } from './exchange-store';
import '../handover/handover.css';
import { Done, ErrorNotice, ExField, Fingerprint, Section, useFocusAfterRender } from './parts';

/** A revocation or reinstatement being decided: which key, and which of the two. */
interface Decision {
  postId: string;
  key: PostKeyDetail;
  action: 'revoke' | 'reinstate';
}

/** HQ: every enrolled post, its keys, what arrived last, and whether anything is missing or replaced. */
export function PostsTable(): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const { posts, loadPosts, histories, loadHistories } = useExchange();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [status, setStatus] = useState('');
  const openers = useRef(new Map<string, HTMLButtonElement | null>());
  const focusLater = useFocusAfterRender();

  useEffect(() => {
    void loadPosts();
    void loadHistories();
  }, [loadPosts, loadHistories]);

  function decide(next: Decision) {
    setStatus('');
    setDecision(next);
  }

  function close(done?: string) {
    const opener = decision ? openers.current.get(decision.key.keyId) : null;
    setDecision(null);
    if (done) setStatus(done);
    focusLater(() => opener);
  }
  const events = (histories ?? []).flatMap((h) => h.events).sort((a, b) => b.at.localeCompare(a.at));

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
                <PostRow
                  key={p.postId}
                  post={p}
                  history={histories?.find((h) => h.postId === p.postId)}
                  language={i18n.language}
                  decision={decision?.postId === p.postId ? decision : null}
                  onDecide={decide}
                  onClose={close}
                  opener={(keyId, el) => openers.current.set(keyId, el)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="exchange-status" role="status">
        <Done text={status} />
      </p>
      {events.length > 0 && (
        <details className="exchange-key-events">
          <summary>{t('revocation.history')}</summary>
          <ul>
            {events.map((e, i) => (
              <li key={i}>
                {t(`revocation.event.${e.action}`, {
                  when: formatDateTime(e.at, i18n.language),
                  keyId: e.keyId,
                  by: e.by,
                  reason: e.reason,
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function PostRow({
  post: p,
  history,
  language,
  decision,
  onDecide,
  onClose,
  opener,
}: {
  post: PostStatus;
  history: PostHistory | undefined;
  language: string;
  decision: Decision | null;
  onDecide: (d: Decision) => void;
  onClose: (done?: string) => void;
  opener: (keyId: string, el: HTMLButtonElement | null) => void;
}): ReactNode {
  const { t } = useTranslation('exchange');
  const officers = [...new Set(p.keys.map((k) => k.officer))];
  const day = (iso: string) => formatDay(iso, language);
  const missing = [...new Set(p.gaps.flatMap((g) => g.missing))].sort((a, b) => a - b);
  const broken = [...new Set(p.brokenChains.map((b) => b.sequence))].sort((a, b) => a - b);
  const trouble = missing.length > 0 || broken.length > 0;
  return (
    <>
      <tr className={trouble ? 'has-trouble' : undefined}>
        <th scope="row">
          <span className="exchange-post-code">{p.postId}</span>
          <span className="exchange-post-name">{p.postName}</span>
          {p.country && <span className="muted small">{countryName(p.country, language)}</span>}
        </th>
        <td>
          {history
            ? history.officers.map((o) => (
                <span key={o.keyId} className="exchange-stack">
                  {o.officer}{' '}
                  <span className="muted small nowrap">
                    {o.until
                      ? t('revocation.officerPeriod', { from: day(o.from), until: day(o.until) })
                      : t('revocation.officerSince', { from: day(o.from) })}
                  </span>
                </span>
              ))
            : officers.map((o) => (
                <span key={o} className="exchange-stack">
                  {o}
                </span>
              ))}
        </td>
        <td>
          {history
            ? history.keys.map((k) => (
                <span key={k.keyId} className={`exchange-stack exchange-postkey handover-key--${k.state}`}>
                  <Fingerprint value={k.keyId} />{' '}
                  <span
                    className={`exchange-pill exchange-pill--${k.state === 'active' ? 'ok' : k.state === 'revoked' ? 'rejected' : 'muted'}`}
                  >
                    {t(`revocation.state.${k.state}`)}
                  </span>{' '}
                  <button
                    ref={(el) => opener(k.keyId, el)}
                    type="button"
                    className="link-button small"
                    aria-expanded={decision?.key.keyId === k.keyId}
                    aria-label={t(k.revocation ? 'revocation.reinstateKey' : 'revocation.revokeKey', {
                      keyId: k.keyId,
                      postId: p.postId,
                    })}
                    onClick={() =>
                      onDecide({ postId: p.postId, key: k, action: k.revocation ? 'reinstate' : 'revoke' })
                    }
                  >
                    {t(k.revocation ? 'revocation.reinstate' : 'revocation.revoke')}
                  </button>
                  {k.revocation && (
                    <span className="exchange-stack small exchange-trouble">
                      {k.revocation.by
                        ? t('revocation.revokedLine', {
                            when: formatDateTime(k.revocation.at, language),
                            by: k.revocation.by,
                            reason: k.revocation.reason,
                          })
                        : t('revocation.revokedLineUnknown', { when: formatDateTime(k.revocation.at, language) })}
                    </span>
                  )}
                </span>
              ))
            : p.keys.map((k) => (
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
      {decision && (
        <tr className="exchange-decision-row">
          <td colSpan={6}>
            <KeyDecisionForm decision={decision} onClose={onClose} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Revoke or reinstate a post key: the reason and who decides, then one confirmation. Nothing happens before. */
function KeyDecisionForm({ decision, onClose }: { decision: Decision; onClose: (done?: string) => void }): ReactNode {
  const { t } = useTranslation('exchange');
  const setHistories = useExchange((s) => s.setHistories);
  const loadPosts = useExchange((s) => s.loadPosts);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const [missing, setMissing] = useState(false);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const revoke = decision.action === 'revoke';
  const names = { keyId: decision.key.keyId, postId: decision.postId, officer: decision.key.officer };

  useEffect(() => first.current?.focus(), []);

  async function submit() {
    if (!reason.trim() || !by.trim()) {
      setMissing(true);
      return;
    }
    setWorking(true);
    setProblem(null);
    const result = await call(revoke ? 'posts.revoke' : 'posts.reinstate', {
      keyId: decision.key.keyId,
      reason: reason.trim(),
      by: by.trim(),
    });
    setWorking(false);
    if (!result.ok) {
      setProblem(t('failed', { message: problemText(result.error) }));
      return;
    }
    setHistories(result.value);
    void loadPosts();
    onClose(t(revoke ? 'revocation.revoked' : 'revocation.reinstated', names));
  }

  return (
    <form
      className={`exchange-confirm${revoke ? ' exchange-confirm--strong' : ''}`}
      aria-labelledby="exchange-decision-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3 id="exchange-decision-title">
        {t(revoke ? 'revocation.formTitleRevoke' : 'revocation.formTitleReinstate', names)}
      </h3>
      <p>{t(revoke ? 'revocation.explainRevoke' : 'revocation.explainReinstate')}</p>
      <div className="exchange-decision-fields">
        <ExField
          label={t('revocation.reason')}
          hint={t('revocation.reasonHint')}
          error={missing && !reason.trim() ? t('revocation.required') : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <input
              ref={first}
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </ExField>
        <ExField
          label={t('revocation.by')}
          hint={t('revocation.byHint')}
          error={missing && !by.trim() ? t('revocation.required') : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              maxLength={100}
              value={by}
              onChange={(e) => setBy(e.target.value)}
            />
          )}
        </ExField>
      </div>
      <div className="exchange-actions">
        <button type="submit" className="button button--primary" disabled={working}>
          {t(revoke ? 'revocation.confirmRevoke' : 'revocation.confirmReinstate')}
        </button>
        <button type="button" className="button" disabled={working} onClick={() => onClose()}>
          {t('revocation.cancel')}
        </button>
      </div>
      {problem && <ErrorNotice text={problem} />}
    </form>
  );
}
