import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../../shared/exchange/schema';
import { call } from '../../api/bridge';
import { useExchange } from './exchange-store';
import { saveOutcome } from '../../ui/files';
import { KeyTable } from './KeyTable';
import { Done, ErrorNotice, Fingerprint, Section, Spinner } from './parts';
import { problemText } from '../../i18n/lookup';
// Handover to a successor (issue 13, item 6): shown with the post's keys.
import { HandoverSection } from '../handover/HandoverSection';

interface Problem {
  text: string;
  details: string | null;
}

/** Post: the laptop's own signing key (to read out and to hand to HQ), and the HQ keys it encrypts to. */
export function PostKeys({ identity }: { identity: Identity }): ReactNode {
  const { t } = useTranslation('exchange');
  const setIdentity = useExchange((s) => s.setIdentity);
  const [enrolStatus, setEnrolStatus] = useState('');
  const [enrolProblem, setEnrolProblem] = useState<Problem | null>(null);
  const [hqStatus, setHqStatus] = useState('');
  const [hqProblem, setHqProblem] = useState<Problem | null>(null);
  const [reading, setReading] = useState(false);
  const active = identity.hqKeys.filter((k) => !k.retired);

  async function saveEnrolment() {
    setEnrolStatus('');
    setEnrolProblem(null);
    // The window's host asks where to save (its own dialog); the backend writes the file there.
    const result = saveOutcome(await call('keys.saveEnrolmentFile', {}));
    if (result.ok) setEnrolStatus(t('fileSaved', { path: result.path }));
    else if (!result.cancelled) {
      setEnrolProblem({ text: t('failed', { message: result.message }), details: null });
    }
  }

  async function importHqKey() {
    setHqStatus('');
    setHqProblem(null);
    setReading(true);
    // The window's host shows its open dialog; the backend reads the chosen file.
    const result = await call('keys.importHq', {});
    setReading(false);
    if (!result.ok) {
      if (result.error.code === 'cancelled') return;
      const invalid = result.error.fields?.['content'];
      setHqProblem(
        invalid
          ? { text: t('postKeys.hq.invalid'), details: invalid.message }
          : { text: t('failed', { message: problemText(result.error) }), details: null },
      );
      return;
    }
    setIdentity(result.value);
    const count = result.value.hqKeys.filter((k) => !k.retired).length;
    setHqStatus(t('postKeys.hq.imported', { count }));
  }

  return (
    <>
      <Section id="exchange-keys" title={t('postKeys.title')}>
        <div className="exchange-keys">
          <div className="exchange-subsection">
            <h3>{t('postKeys.yourKey')}</h3>
            {identity.signingKeyId && (
              <p className="exchange-own-key">
                <Fingerprint value={identity.signingKeyId} large />
              </p>
            )}
            <p className="exchange-hint">
              <span aria-hidden="true">☎ </span>
              {t('postKeys.fingerprintHint')}
            </p>
            <h3>{t('postKeys.enrolment.title')}</h3>
            <p className="muted">{t('postKeys.enrolment.text')}</p>
            <div className="exchange-actions">
              <button type="button" className="button" onClick={() => void saveEnrolment()}>
                {t('postKeys.enrolment.save')}
              </button>
              <p className="exchange-status" role="status">
                <Done text={enrolStatus} />
              </p>
            </div>
            {enrolProblem && <ErrorNotice {...enrolProblem} />}
          </div>

          <div className="exchange-subsection">
            <h3>{t('postKeys.hq.title')}</h3>
            <p className="muted">{t('postKeys.hq.text')}</p>
            <div className="exchange-actions">
              <button type="button" className="button" disabled={reading} onClick={() => void importHqKey()}>
                {t('postKeys.hq.file')}
              </button>
            </div>
            <p className="exchange-status" role="status">
              {reading ? (
                <>
                  <Spinner /> {t('postKeys.hq.reading')}
                </>
              ) : (
                <Done text={hqStatus} />
              )}
            </p>
            {hqProblem && <ErrorNotice {...hqProblem} />}
            {identity.hqKeys.length === 0 ? (
              <p className="notice exchange-notice--warn">{t('postKeys.hq.none')}</p>
            ) : (
              <KeyTable keys={identity.hqKeys} caption={t('postKeys.hq.tableCaption')} />
            )}
            {identity.hqKeys.length > 0 && active.length === 0 && (
              <p className="notice exchange-notice--warn">{t('postKeys.hq.none')}</p>
            )}
          </div>
        </div>
      </Section>
      <HandoverSection identity={identity} />
    </>
  );
}
