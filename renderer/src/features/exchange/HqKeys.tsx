import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../../shared/exchange/schema';
import { call } from '../../api/bridge';
import { problemText } from '../../i18n/lookup';
import { useExchange } from './exchange-store';
import { saveOutcome } from '../../ui/files';
import { KeyTable } from './KeyTable';
import { Done, ErrorNotice, Section, Spinner, useFocusAfterRender } from './parts';

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
    </Section>
  );
}
