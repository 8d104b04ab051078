import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../../shared/exchange/schema';
import type { SuccessorFile } from '../../../../shared/handover/formats';
import type { HandoverCandidate, HandoverStatus } from '../../../../shared/handover/schema';
import { call } from '../../api/bridge';
import { formatDateTime } from '../../i18n/format';
import { problemText } from '../../i18n/lookup';
import { saveOutcome } from '../../ui/files';
import { Done, ErrorNotice, ExField, Fingerprint, Section, Spinner, useFocusAfterRender } from '../exchange/parts';
import './handover.css';

// A post's handover to a successor (issue 13, item 6; docs/handover.md). Both sides are post installations of
// the same post: the outgoing officer opens the successor's file, compares fingerprints by phone and makes the
// package; the successor saves its file, opens the package, types the fingerprint read out, and imports.

/** A fingerprint as typed (spaces, lower case, missing dashes) in its written form: 3F9A-C2D1-... */
export function normalFingerprint(typed: string): string {
  const hex = typed.toUpperCase().replace(/[^0-9A-F]/g, '');
  return (hex.match(/.{1,4}/g) ?? []).join('-');
}

function recordCount(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export function HandoverSection({ identity }: { identity: Identity }): ReactNode {
  const { t, i18n } = useTranslation('handover');
  const [status, setStatus] = useState<HandoverStatus | null>(null);

  async function refresh() {
    const r = await call('handover.status', {});
    if (r.ok) setStatus(r.value);
  }

  useEffect(() => {
    void refresh();
  }, []);

  return (
    <Section id="handover" title={t('title')} intro={t('intro')} className="handover">
      <p className="muted small">{t('what')}</p>
      {status?.continues && (
        <p className="notice handover-continues">
          {status.continues.sequence > 0
            ? t('continues', { sequence: status.continues.sequence, keyId: status.continues.keyId })
            : t('continuesFirst', { keyId: status.continues.keyId })}
        </p>
      )}
      <div className="exchange-keys">
        <Outgoing identity={identity} onDone={() => void refresh()} />
        <Incoming onDone={() => void refresh()} />
      </div>
      {status && status.log.length > 0 && (
        <div className="exchange-subsection">
          <h3>{t('log.title')}</h3>
          <ul className="handover-log">
            {status.log.map((l) => (
              <li key={l.handoverId}>
                {t(l.direction === 'sent' ? 'log.sent' : 'log.received', {
                  when: formatDateTime(l.at, i18n.language),
                  officer: l.direction === 'sent' ? l.successorOfficer : l.outgoingOfficer,
                  count: recordCount(l.counts),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

/** The outgoing officer: the successor's file, the fingerprint check, the package. */
function Outgoing({ identity, onDone }: { identity: Identity; onDone: () => void }): ReactNode {
  const { t } = useTranslation('handover');
  const [candidate, setCandidate] = useState<{ token: string; file: SuccessorFile } | null>(null);
  const [closed, setClosed] = useState(false);
  const [working, setWorking] = useState<'reading' | 'making' | null>(null);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const check = useRef<HTMLDivElement>(null);
  const focusLater = useFocusAfterRender();
  const closedId = useId();

  async function open() {
    setDone('');
    setProblem(null);
    setWorking('reading');
    const r = await call('handover.readSuccessor', {});
    setWorking(null);
    if (!r.ok) {
      if (r.error.code !== 'cancelled') setProblem(problemText(r.error));
      return;
    }
    setCandidate(r.value);
    focusLater(() => check.current?.querySelector('h4'));
  }

  async function make() {
    if (!candidate) return;
    setProblem(null);
    setWorking('making');
    const r = await call('handover.create', { token: candidate.token, closedHistory: closed });
    setWorking(null);
    const saved = saveOutcome(r);
    if (saved.ok && r.ok) {
      setDone(
        t('outgoing.made', { officer: r.value.successorOfficer, path: saved.path, count: recordCount(r.value.counts) }),
      );
      setCandidate(null);
      onDone();
    } else if (!saved.ok && !saved.cancelled) setProblem(saved.message);
  }

  return (
    <div className="exchange-subsection">
      <h3>{t('outgoing.title')}</h3>
      <div className="exchange-actions">
        <button type="button" className="button" disabled={working !== null} onClick={() => void open()}>
          {t('outgoing.open')}
        </button>
      </div>
      {candidate && (
        <div ref={check} className="exchange-confirm handover-check" role="group" aria-labelledby="handover-out-check">
          <h4 id="handover-out-check" tabIndex={-1}>
            {t('outgoing.checkTitle')}
          </h4>
          <dl className="handover-facts">
            <dt>{t('outgoing.successor')}</dt>
            <dd>{candidate.file.officer}</dd>
            <dt>{t('outgoing.post')}</dt>
            <dd>{candidate.file.postId}</dd>
            <dt>{t('outgoing.successorKey')}</dt>
            <dd>
              <Fingerprint value={candidate.file.keyId} />
            </dd>
            <dt>{t('outgoing.receivingKey')}</dt>
            <dd>
              <Fingerprint value={candidate.file.recipientFingerprint} />
            </dd>
            <dt>{t('outgoing.yourKey')}</dt>
            <dd>{identity.signingKeyId && <Fingerprint value={identity.signingKeyId} />}</dd>
          </dl>
          <p className="exchange-hint">
            <span aria-hidden="true">☎ </span>
            {t('outgoing.compare')}
          </p>
          <div className="handover-option">
            <input id={closedId} type="checkbox" checked={closed} onChange={(e) => setClosed(e.target.checked)} />
            <label htmlFor={closedId}>
              {t('outgoing.closed')} <span className="muted small">{t('outgoing.closedHint')}</span>
            </label>
          </div>
          <div className="exchange-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={working !== null}
              onClick={() => void make()}
            >
              {t('outgoing.make')}
            </button>
            <button type="button" className="button" disabled={working !== null} onClick={() => setCandidate(null)}>
              {t('outgoing.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="exchange-status" role="status">
        {working ? (
          <>
            <Spinner /> {t(working === 'reading' ? 'outgoing.reading' : 'outgoing.making')}
          </>
        ) : (
          <Done text={done} />
        )}
      </p>
      {problem && <ErrorNotice text={problem} />}
    </div>
  );
}

/** The successor: its file for the outgoing officer, then the package, the fingerprint read out, the import. */
function Incoming({ onDone }: { onDone: () => void }): ReactNode {
  const { t, i18n } = useTranslation('handover');
  const [saved, setSaved] = useState<{ path: string; keyId: string; receiving: string } | null>(null);
  const [candidate, setCandidate] = useState<HandoverCandidate | null>(null);
  const [typed, setTyped] = useState('');
  const [missing, setMissing] = useState(false);
  const [working, setWorking] = useState<'reading' | 'importing' | null>(null);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const check = useRef<HTMLDivElement>(null);
  const focusLater = useFocusAfterRender();

  async function saveFile() {
    setProblem(null);
    const r = saveOutcome(await call('handover.saveSuccessorFile', {}));
    if (!r.ok) {
      if (!r.cancelled) setProblem(r.message);
      return;
    }
    const s = await call('handover.status', {});
    if (s.ok) setSaved({ path: r.path, keyId: s.value.signingKeyId ?? '', receiving: s.value.receivingKey ?? '' });
  }

  async function open() {
    setDone('');
    setProblem(null);
    setWorking('reading');
    const r = await call('handover.readPackage', {});
    setWorking(null);
    if (!r.ok) {
      if (r.error.code !== 'cancelled') setProblem(problemText(r.error));
      return;
    }
    setCandidate(r.value);
    setTyped('');
    setMissing(false);
    focusLater(() => check.current?.querySelector('input'));
  }

  async function importIt() {
    if (!candidate) return;
    const fingerprint = normalFingerprint(typed);
    if (!/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/.test(fingerprint)) {
      setMissing(true);
      return;
    }
    setProblem(null);
    setWorking('importing');
    const r = await call('handover.import', { token: candidate.token, outgoingKeyId: fingerprint });
    setWorking(null);
    if (!r.ok) {
      setProblem(problemText(r.error));
      return;
    }
    const series =
      r.value.lastSequence > 0
        ? t('continues', { sequence: r.value.lastSequence, keyId: r.value.outgoingKeyId })
        : t('continuesFirst', { keyId: r.value.outgoingKeyId });
    setDone(
      `${t('incoming.imported', { count: r.value.added, unchanged: r.value.unchanged, officer: r.value.outgoingOfficer })} ${series}`,
    );
    setCandidate(null);
    onDone();
  }

  const contents = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([kind, n]) => t(`counted.${kind as 'person'}`, { count: n }))
      .join(', ');

  return (
    <div className="exchange-subsection">
      <h3>{t('incoming.title')}</h3>
      <p className="muted">{t('incoming.step1')}</p>
      <div className="exchange-actions">
        <button type="button" className="button" onClick={() => void saveFile()}>
          {t('incoming.saveFile')}
        </button>
      </div>
      {saved && (
        <div className="handover-saved" role="status">
          <p>
            <Done text={t('incoming.saved', { path: saved.path })} />
          </p>
          <dl className="handover-facts handover-facts--stacked">
            <dt>{t('incoming.signingKey')}</dt>
            <dd>
              <Fingerprint value={saved.keyId} large />
            </dd>
            <dt>{t('incoming.receivingKey')}</dt>
            <dd>
              <Fingerprint value={saved.receiving} large />
            </dd>
          </dl>
        </div>
      )}
      <p className="muted">{t('incoming.step2')}</p>
      <div className="exchange-actions">
        <button type="button" className="button" disabled={working !== null} onClick={() => void open()}>
          {t('incoming.open')}
        </button>
      </div>
      {candidate && (
        <div ref={check} className="exchange-confirm handover-check" role="group" aria-labelledby="handover-in-check">
          <h4 id="handover-in-check">{t('incoming.checkTitle')}</h4>
          <dl className="handover-facts">
            <dt>{t('incoming.from')}</dt>
            <dd>
              {candidate.outgoingOfficer} · {candidate.postId} {candidate.postName}
            </dd>
            <dt>{t('incoming.made')}</dt>
            <dd>{formatDateTime(candidate.createdAt, i18n.language)}</dd>
            <dt>{t('incoming.contents')}</dt>
            <dd>
              {contents(candidate.counts)} ({t(candidate.closedHistory ? 'incoming.closedYes' : 'incoming.closedNo')})
            </dd>
          </dl>
          <ExField
            label={t('incoming.typed')}
            hint={t('incoming.typedHint')}
            error={missing ? t('incoming.typeFirst') : undefined}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="handover-typed"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                autoComplete="off"
                spellCheck={false}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void importIt();
                }}
              />
            )}
          </ExField>
          <div className="exchange-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={working !== null}
              onClick={() => void importIt()}
            >
              {t('incoming.import')}
            </button>
            <button type="button" className="button" disabled={working !== null} onClick={() => setCandidate(null)}>
              {t('incoming.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="exchange-status" role="status">
        {working ? (
          <>
            <Spinner /> {t(working === 'reading' ? 'incoming.reading' : 'incoming.importing')}
          </>
        ) : (
          <Done text={done} />
        )}
      </p>
      {problem && <ErrorNotice text={problem} />}
    </div>
  );
}
