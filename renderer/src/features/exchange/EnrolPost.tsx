import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentCandidate } from '../../../../shared/exchange/schema';
import { call } from '../../api/bridge';
import { countryName } from '../../i18n/format';
import { useExchange } from './exchange-store';
import { Done, ErrorNotice, Fingerprint, Section, Spinner, useFocusAfterRender } from './parts';
import { problemText } from '../../i18n/lookup';

/**
 * HQ: enrol a post from its enrolment file. The file is shown first (post, officer, fingerprint) so the
 * fingerprint can be compared by phone before HQ trusts the key.
 */
export function EnrolPost(): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const setPosts = useExchange((s) => s.setPosts);
  const [candidate, setCandidate] = useState<EnrolmentCandidate | null>(null);
  const [problem, setProblem] = useState<{ text: string; details: string | null } | null>(null);
  const [status, setStatus] = useState('');
  const [working, setWorking] = useState(false);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();

  async function openFile() {
    setStatus('');
    setProblem(null);
    setCandidate(null);
    // The window's host shows its open dialog; the backend reads and checks the file, and keeps it until
    // the officer confirms (or opens another).
    const result = await call('posts.readEnrolment', {});
    if (!result.ok) {
      if (result.error.code === 'cancelled') return;
      const invalid = result.error.fields?.['content'];
      setProblem(
        invalid
          ? { text: t('enrol.invalid'), details: invalid.message }
          : { text: t('failed', { message: problemText(result.error) }), details: null },
      );
      return;
    }
    setCandidate(result.value);
    focusLater(() => checkHeading.current);
  }

  async function enrol() {
    if (!candidate) return;
    setWorking(true);
    const result = await call('posts.enrol', { token: candidate.token });
    setWorking(false);
    if (!result.ok) {
      const invalid = result.error.fields?.['content'];
      setProblem(
        invalid
          ? { text: t('enrol.invalid'), details: invalid.message }
          : { text: t('failed', { message: problemText(result.error) }), details: null },
      );
      return;
    }
    setPosts(result.value);
    setStatus(t('enrol.done', { postId: candidate.file.postId }));
    setCandidate(null);
    focusLater(() => fileInput.current);
  }

  function cancel() {
    setCandidate(null);
    focusLater(() => fileInput.current);
  }

  const f = candidate?.file;
  return (
    <Section id="exchange-enrol" title={t('enrol.title')} intro={t('enrol.intro')}>
      <div className="exchange-actions">
        <button ref={fileInput} type="button" className="button" disabled={working} onClick={() => void openFile()}>
          {t('enrol.file')}
        </button>
      </div>
      {problem && <ErrorNotice {...problem} />}
      {f && (
        <div className="exchange-check">
          <h3 ref={checkHeading} tabIndex={-1}>
            {t('enrol.checkTitle')}
          </h3>
          <dl className="exchange-facts">
            <dt>{t('enrol.post')}</dt>
            <dd>
              <strong>{f.postId}</strong> · {f.postName}
            </dd>
            <dt>{t('enrol.officer')}</dt>
            <dd>{f.officer}</dd>
            {f.country && (
              <>
                <dt>{t('enrol.country')}</dt>
                <dd>{countryName(f.country, i18n.language)}</dd>
              </>
            )}
          </dl>
          <p className="exchange-check__label">{t('enrol.fingerprint')}</p>
          <p className="exchange-own-key">
            <Fingerprint value={f.keyId} large />
          </p>
          <p className="exchange-hint">
            <span aria-hidden="true">☎ </span>
            {t('enrol.compare')}
          </p>
          <div className="exchange-actions">
            <button type="button" className="button button--primary" disabled={working} onClick={() => void enrol()}>
              {t('enrol.confirm')}
            </button>
            <button type="button" className="button" disabled={working} onClick={cancel}>
              {t('enrol.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="exchange-status" role="status">
        {working ? (
          <>
            <Spinner /> {t('enrol.enrolling')}
          </>
        ) : (
          <Done text={status} />
        )}
      </p>
    </Section>
  );
}
