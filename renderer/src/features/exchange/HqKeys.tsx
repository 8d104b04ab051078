import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../../shared/exchange/schema';
import type { RetireHqPreview } from '../../../../shared/handover/schema';
import { formatDateTime } from '../../i18n/format';
import '../handover/handover.css';
import { call } from '../../api/bridge';
import { problemText } from '../../i18n/lookup';
import { useExchange } from './exchange-store';
import { saveOutcome } from '../../ui/files';
import { keyLabel } from './display';
import { KeyTable } from './KeyTable';
import { Done, ErrorNotice, Fingerprint, Section, Spinner, useFocusAfterRender } from './parts';

type Pending = 'backup' | 'rotate';

/** HQ: its encryption keys, the key file for the posts, and adding or rotating keys (after a confirmation). */
export function HqKeys({ identity }: { identity: Identity }): ReactNode {
  const { t } = useTranslation('exchange');
  const setIdentity = useExchange((s) => s.setIdentity);
  const [pending, setPending] = useState<Pending | null>(null);
  const [working, setWorking] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();
  const openers = useRef<Record<Pending, HTMLButtonElement | null>>({ backup: null, rotate: null });

  async function saveKeyFile() {
    setProblem(null);
    // The window's host asks where to save (its own dialog); the backend writes the file there.
    const result = saveOutcome(await call('keys.saveHqKeyFile', {}));
    if (result.ok) setStatus(t('fileSaved', { path: result.path }));
    else if (!result.cancelled) setProblem(t('failed', { message: result.message }));
  }

  function ask(what: Pending) {
    setPending(what);
    setStatus('');
    setProblem(null);
    focusLater(() => confirmRef.current?.querySelector<HTMLElement>('button'));
  }

  function cancel() {
    const opener = pending ? openers.current[pending] : null;
    setPending(null);
    focusLater(() => opener);
  }

  async function confirm() {
    if (!pending) return;
    const rotate = pending === 'rotate';
    setWorking(true);
    const result = await call('keys.addHqKey', {
      label: rotate ? 'primary' : 'backup',
      retireOthers: rotate,
    });
    setWorking(false);
    setPending(null);
    if (!result.ok) {
      setProblem(t('failed', { message: problemText(result.error) }));
      return;
    }
    setIdentity(result.value);
    setStatus(t(rotate ? 'hqKeys.rotated' : 'hqKeys.added'));
    // The next step is to hand out the new key file: put the officer there.
    focusLater(() => saveButton.current);
  }

  return (
    <Section id="exchange-hq-keys" title={t('hqKeys.title')} intro={t('hqKeys.intro')}>
      <KeyTable keys={identity.hqKeys} caption={t('hqKeys.tableCaption')} />
      <div className="exchange-actions exchange-actions--spaced">
        <button ref={saveButton} type="button" className="button button--primary" onClick={() => void saveKeyFile()}>
          {t('hqKeys.saveFile')}
        </button>
        <span className="muted small">{t('hqKeys.fileHint')}</span>
      </div>
      <div className="exchange-actions">
        <button
          ref={(el) => {
            openers.current.backup = el;
          }}
          type="button"
          className="button"
          aria-expanded={pending === 'backup'}
          disabled={working}
          onClick={() => ask('backup')}
        >
          {t('hqKeys.addBackup')}
        </button>
        <button
          ref={(el) => {
            openers.current.rotate = el;
          }}
          type="button"
          className="button"
          aria-expanded={pending === 'rotate'}
          disabled={working}
          onClick={() => ask('rotate')}
        >
          {t('hqKeys.rotate')}
        </button>
      </div>
      {pending && (
        <div
          ref={confirmRef}
          className={`exchange-confirm${pending === 'rotate' ? ' exchange-confirm--strong' : ''}`}
          role="group"
          aria-labelledby="exchange-confirm-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancel();
          }}
        >
          <p id="exchange-confirm-text">{t(pending === 'rotate' ? 'hqKeys.confirmRotate' : 'hqKeys.confirmBackup')}</p>
          <div className="exchange-actions">
            <button type="button" className="button button--primary" disabled={working} onClick={() => void confirm()}>
              {t(pending === 'rotate' ? 'hqKeys.confirmRotateButton' : 'hqKeys.confirmBackupButton')}
            </button>
            <button type="button" className="button" disabled={working} onClick={cancel}>
              {t('hqKeys.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="exchange-status" role="status">
        {working ? (
          <>
            <Spinner /> {t('hqKeys.working')}
          </>
        ) : (
          <Done text={status} />
        )}
      </p>
      {problem && <ErrorNotice text={problem} />}
      <RetireHqKey identity={identity} />
    </Section>
  );
}

/**
 * HQ retires one of its keys (issue 13, item 3): first the posts whose latest export is sealed to that key only,
 * then the confirmation. The key stays in HQ's database for decryption; it leaves the HQ key file.
 */
function RetireHqKey({ identity }: { identity: Identity }): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const setIdentity = useExchange((s) => s.setIdentity);
  const active = identity.hqKeys.filter((k) => !k.retired);
  const [chosen, setChosen] = useState('');
  const [preview, setPreview] = useState<RetireHqPreview | null>(null);
  const [working, setWorking] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const checkButton = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();
  const selected = active.some((k) => k.fingerprint === chosen) ? chosen : (active.at(-1)?.fingerprint ?? '');

  async function check() {
    setStatus('');
    setProblem(null);
    setWorking(true);
    const result = await call('keys.retireHqPreview', { fingerprint: selected });
    setWorking(false);
    if (!result.ok) {
      setProblem(t('failed', { message: problemText(result.error) }));
      return;
    }
    setPreview(result.value);
    focusLater(() => confirmRef.current?.querySelector<HTMLElement>('button'));
  }

  async function retire() {
    if (!preview) return;
    setWorking(true);
    const result = await call('keys.retireHq', { fingerprint: preview.fingerprint });
    setWorking(false);
    setPreview(null);
    if (!result.ok) {
      setProblem(t('failed', { message: problemText(result.error) }));
      return;
    }
    setIdentity(result.value);
    setStatus(t('retireHq.retired', { fingerprint: preview.fingerprint }));
    focusLater(() => checkButton.current);
  }

  return (
    <div className="exchange-subsection exchange-retire">
      <h3>{t('retireHq.title')}</h3>
      <p className="muted">{t('retireHq.text')}</p>
      {active.length < 2 ? (
        <p className="muted small">{t('retireHq.onlyOne')}</p>
      ) : (
        <div className="exchange-actions">
          <label className="visually-hidden" htmlFor="exchange-retire-key">
            {t('retireHq.choose')}
          </label>
          <select
            id="exchange-retire-key"
            value={selected}
            disabled={working}
            onChange={(e) => {
              setChosen(e.target.value);
              setPreview(null);
            }}
          >
            {active.map((k) => (
              <option key={k.fingerprint} value={k.fingerprint}>
                {keyLabel(t, k.label)} · {k.fingerprint}
              </option>
            ))}
          </select>
          <button
            ref={checkButton}
            type="button"
            className="button"
            disabled={working}
            aria-expanded={preview !== null}
            onClick={() => void check()}
          >
            {t('retireHq.check')}
          </button>
        </div>
      )}
      {preview && (
        <div
          ref={confirmRef}
          className="exchange-confirm exchange-confirm--strong"
          role="group"
          aria-labelledby="exchange-retire-title"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setPreview(null);
          }}
        >
          <p id="exchange-retire-title">
            <strong>
              {t('retireHq.confirmTitle', { fingerprint: preview.fingerprint, label: keyLabel(t, preview.label) })}
            </strong>
          </p>
          {preview.sealedOnlyToIt.length === 0 ? (
            <p>{t('retireHq.noneSealed')}</p>
          ) : (
            <>
              <p className="exchange-trouble">
                <span aria-hidden="true">⚠ </span>
                {t('retireHq.sealed', { count: preview.sealedOnlyToIt.length })}
              </p>
              <ul className="exchange-retire-list">
                {preview.sealedOnlyToIt.map((p) => (
                  <li key={p.postId}>
                    {t('retireHq.sealedPost', {
                      postId: p.postId,
                      postName: p.postName,
                      when: formatDateTime(p.lastExportAt, i18n.language),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.unknown.length > 0 && (
            <p className="muted small">
              {t('retireHq.unknown', { list: preview.unknown.map((p) => p.postId).join(', ') })}
            </p>
          )}
          <p className="small">
            <Fingerprint value={preview.fingerprint} />
          </p>
          <div className="exchange-actions">
            <button type="button" className="button button--primary" disabled={working} onClick={() => void retire()}>
              {t('retireHq.confirm')}
            </button>
            <button type="button" className="button" disabled={working} onClick={() => setPreview(null)}>
              {t('retireHq.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="exchange-status" role="status">
        {working ? (
          <>
            <Spinner /> {t('retireHq.checking')}
          </>
        ) : (
          <Done text={status} />
        )}
      </p>
      {problem && <ErrorNotice text={problem} />}
    </div>
  );
}
