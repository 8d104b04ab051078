import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceStatus } from '../../../../shared/session/schema';
import { useMaintenance } from './maintenance-store';
import './backups.css';

// The top bar's quiet note while the backend checks the data or makes the automatic backup in the background,
// with how far it has come ("Checking the data · 12 of 40"). Nothing when nothing runs. The officer can keep
// working meanwhile; the title says so.

type Running = NonNullable<MaintenanceStatus['running']>;

function useText(running: Running): string {
  const { t } = useTranslation('backups');
  const { done, total } = running;
  if (running.phase === 'copy') {
    const percent = total ? Math.min(99, Math.floor((done / total) * 100)) : null;
    return percent === null ? t('maintenance.copying') : t('maintenance.copyingPercent', { percent });
  }
  const key = running.phase === 'verify' ? 'verifying' : running.task === 'full_check' ? 'fullCheck' : 'checking';
  return total === null ? t(`maintenance.${key}`) : t(`maintenance.${key}Count`, { done, total });
}

export function MaintenanceIndicator(): ReactNode {
  const running = useMaintenance((s) => s.status?.running ?? null);
  const follow = useMaintenance((s) => s.follow);
  useEffect(() => follow(), [follow]);
  return running ? <Shown running={running} /> : null;
}

function Shown({ running }: { running: Running }): ReactNode {
  const { t } = useTranslation('backups');
  const text = useText(running);
  const known = running.total !== null && running.total > 0;
  return (
    <div className="maintenance" title={t('maintenance.hint')} data-task={running.task} data-phase={running.phase}>
      <span className="maintenance__text">{text}</span>
      <progress
        className="maintenance__bar"
        aria-label={text}
        max={known ? (running.total ?? 1) : undefined}
        value={known ? running.done : undefined}
      />
    </div>
  );
}
