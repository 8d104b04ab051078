import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionFrame } from './SessionFrame';
import { useSession } from './session-store';

// The personal recovery key, right after setup and never again: the backend keeps only its public half.
// Shown in groups so it can be copied by hand; the Copy button copies it whole, without the spaces.

const PREFIX = 'AGE-SECRET-KEY-1';
const GROUP = 6;

/** AGE-SECRET-KEY-1 on its own line, then groups of six, for reading and writing by hand. */
function split(key: string): { prefix: string | null; groups: string[] } {
  const prefix = key.startsWith(PREFIX) ? PREFIX : null;
  const rest = prefix ? key.slice(PREFIX.length) : key;
  const groups: string[] = [];
  for (let i = 0; i < rest.length; i += GROUP) groups.push(rest.slice(i, i + GROUP));
  return { prefix, groups };
}

export function RecoveryKeyScreen(): ReactNode {
  const { t } = useTranslation('session');
  const recoveryKey = useSession((s) => s.recoveryKey) ?? '';
  const recoveryKeyStored = useSession((s) => s.recoveryKeyStored);
  const [stored, setStored] = useState(false);
  const [copy, setCopy] = useState<'copied' | 'copyFailed' | null>(null);
  const keyRef = useRef<HTMLParagraphElement>(null);
  const { prefix, groups } = split(recoveryKey);

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopy('copied');
    } catch {
      // The clipboard API may be refused (Electron denies permission requests): select the key instead,
      // so Ctrl+C copies it.
      const node = keyRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        selection.selectAllChildren(node);
      }
      setCopy('copyFailed');
    }
  }

  return (
    <SessionFrame title={t('recoveryKey.title')}>
      <p className="session-lead">{t('recoveryKey.intro')}</p>
      <figure className="recovery-key">
        <figcaption className="recovery-key__label">{t('recoveryKey.label')}</figcaption>
        <p ref={keyRef} className="recovery-key__value" translate="no" data-testid="recovery-key">
          {prefix && <span className="recovery-key__prefix">{prefix}</span>}
          {groups.map((g, i) => (
            <span key={i}>{g}</span>
          ))}
        </p>
        <p className="recovery-key__note">{t('recoveryKey.note')}</p>
      </figure>
      <p className="session-instruction">{t('recoveryKey.instruction')}</p>
      <div className="session-actions recovery-key__actions">
        <button type="button" className="button" onClick={() => void onCopy()}>
          {t('recoveryKey.copy')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('recoveryKey.print')}
        </button>
      </div>
      <p className="session-working" role="status">
        {copy ? t(`recoveryKey.${copy}`) : ''}
      </p>
      <form
        className="session-form recovery-key__confirm"
        onSubmit={(e) => {
          e.preventDefault();
          if (stored) recoveryKeyStored();
        }}
      >
        <label className="checkbox session-confirm">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          <span>{t('recoveryKey.stored')}</span>
        </label>
        <div className="session-actions">
          <button type="submit" className="button button--primary session-submit" disabled={!stored}>
            {t('recoveryKey.continue')}
          </button>
        </div>
      </form>
    </SessionFrame>
  );
}
