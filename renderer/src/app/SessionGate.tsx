import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { onBackendStopped, onLockedAnswer } from '../api/bridge';
import { DamagedScreen } from '../features/backups/DamagedScreen';
import { BackendStopped } from '../features/session/BackendStopped';
import { RecoveryKeyScreen } from '../features/session/RecoveryKeyScreen';
import { SessionFrame } from '../features/session/SessionFrame';
import { SetupScreen } from '../features/session/SetupScreen';
import { UnlockScreen } from '../features/session/UnlockScreen';
import { useSession } from '../features/session/session-store';
import { resetStores } from './reset-stores';

/**
 * The app's root: nothing of the logbook is mounted until the data is unlocked. A new data folder gets the
 * setup screen (then the recovery key, once), a locked one the unlock screen, a damaged database (right
 * passphrase, failed start-up check) the recovery screen (restore a backup, save what is readable). Whenever the data locks (the
 * Lock button, Ctrl+L, or a call answered `locked` because the shell locked it), the app is unmounted and
 * its stores are reset.
 */
export function SessionGate({ children }: { children: ReactNode }): ReactNode {
  const phase = useSession((s) => s.phase);

  useEffect(() => {
    void useSession.getState().start();
    const stopLocked = onLockedAnswer(() => useSession.getState().lockedElsewhere());
    const stopStopped = onBackendStopped(() => useSession.getState().backendStopped());
    return () => {
      stopLocked();
      stopStopped();
    };
  }, []);

  useEffect(() => {
    if (phase === 'locked' || phase === 'stopped') resetStores();
  }, [phase]);

  switch (phase) {
    case 'starting':
      return <Starting />;
    case 'unavailable':
      return <Unavailable />;
    case 'new':
      return <SetupScreen />;
    case 'recoveryKey':
      return <RecoveryKeyScreen />;
    case 'locked':
      return <UnlockScreen />;
    case 'unlocked':
      return children;
    case 'damaged':
      return <DamagedScreen />;
    case 'stopped':
      return <BackendStopped />;
  }
}

function Starting(): ReactNode {
  const { t } = useTranslation('session');
  return (
    <p className="session-starting" role="status">
      {t('starting')}
    </p>
  );
}

function Unavailable(): ReactNode {
  const { t } = useTranslation('session');
  return (
    <SessionFrame title={t('unavailable.title')}>
      <p className="notice notice--error" role="alert">
        {t('unavailable.text')}
      </p>
    </SessionFrame>
  );
}
