import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/bridge';
import { SessionFrame } from './SessionFrame';
import { useSession } from './session-store';

/**
 * The backend process stopped (a crash, or the operating system ended it). Every answered write was already
 * committed, so nothing saved is lost; a new backend process starts locked.
 */
export function BackendStopped(): ReactNode {
  const { t } = useTranslation(['session', 'process']);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function restart(): Promise<void> {
    setBusy(true);
    setFailed(false);
    const result = await call('app.restartBackend', {});
    setBusy(false);
    if (!result.ok) {
      setFailed(true);
      return;
    }
    useSession.getState().restarted();
  }

  return (
    <SessionFrame title={t('process:stopped.title')}>
      <p className="session-lead" role="alert">
        {t('process:stopped.text')}
      </p>
      {failed && (
        <p className="notice notice--error" role="alert">
          {t('process:stopped.failed')}
        </p>
      )}
      <div className="session-actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void restart()}>
          {busy ? t('process:stopped.restarting') : t('process:stopped.restart')}
        </button>
      </div>
    </SessionFrame>
  );
}

export type ProcessNotice = 'renderer_gone' | 'backend_stopped';

/**
 * The notice the shell attached when it reopened the window (`?notice=...`), read once: the address is put
 * back to the plain entry so a reload does not show it again.
 */
export function takeProcessNotice(): ProcessNotice | null {
  const params = new URLSearchParams(window.location.search);
  const notice = params.get('notice');
  if (notice !== 'renderer_gone' && notice !== 'backend_stopped') return null;
  params.delete('notice');
  const rest = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  return notice;
}

export function ProcessNoticeText({ notice }: { notice: ProcessNotice | null }): ReactNode {
  const { t } = useTranslation(['session', 'process']);
  if (!notice) return null;
  return (
    <p className="notice session-note" role="status">
      {t(`process:notice.${notice}`)}
    </p>
  );
}
