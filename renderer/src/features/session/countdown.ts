import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The seconds left until `until` (a Date.now() time), ticking while there is something to wait for; 0 once
 * it has passed or when there is nothing to wait for. Computed from the last tick, so a new `until` counts
 * as waiting from its very first render.
 */
export function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** "8 seconds", "2 minutes": a wait as an officer reads it (minutes rounded up). */
export function useWaitText(): (seconds: number) => string {
  const { t } = useTranslation('session');
  return (seconds) =>
    seconds < 60 ? t('seconds', { count: seconds }) : t('minutes', { count: Math.ceil(seconds / 60) });
}
