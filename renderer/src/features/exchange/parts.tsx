import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import { problemText } from '../../i18n/lookup';
import { fingerprintGroups } from './display';

// Building blocks of the exchange page: fingerprints, labelled fields, spinners and error wording.

/** A key fingerprint in groups of four, monospace, for reading out by phone. */
export function Fingerprint({ value, large = false }: { value: string; large?: boolean }): ReactNode {
  return (
    <span className={large ? 'fingerprint fingerprint--large' : 'fingerprint'}>
      {fingerprintGroups(value).map((group, i) => (
        <span key={i} className="fingerprint__group">
          {group}
        </span>
      ))}
    </span>
  );
}

/** The backend's error in a sentence: field problems by field, otherwise its message. */
export function errorMessage(error: AppError): string {
  const problems = Object.values(error.fields ?? {});
  return problems.length > 0 ? problems.map((p) => problemText(p)).join(' ') : problemText(error);
}

/** The app's one labelled field (ui/Field.tsx), under this feature's name. */
export { LabelledField as ExField } from '../../ui/Field';

/** A quiet turning circle beside a status text; the text says what is happening. */
export function Spinner(): ReactNode {
  return <span className="exchange-spinner" aria-hidden="true" />;
}

/** A section of the page: a panel with its heading, named by that heading. */
export function Section({
  id,
  title,
  intro,
  children,
  className,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  className?: string;
}): ReactNode {
  return (
    <section className={`exchange-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="exchange-section__intro muted">{intro}</p>}
      {children}
    </section>
  );
}

/** A notice that can carry the backend's own words under the translated sentence. */
export function ErrorNotice({ text, details }: { text: string; details?: string | null }): ReactNode {
  const { t } = useTranslation('exchange');
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
      {details && details !== text && <p className="small">{t('details', { message: details })}</p>}
    </div>
  );
}

/** A confirmation inside a status line: a check mark and the text, in the calm green of success. */
export function Done({ text }: { text: string }): ReactNode {
  return text ? (
    <span className="exchange-done">
      <span aria-hidden="true">✓ </span>
      {text}
    </span>
  ) : null;
}

/**
 * Moves focus once React has rendered the update that goes with it: call the returned function with a
 * lookup of the element (a result heading, the first invalid field) in the same update that shows it.
 * After an `await`, React renders later than a requestAnimationFrame would run, so an effect does this.
 */
export function useFocusAfterRender(): (find: () => HTMLElement | null | undefined) => void {
  const [request, setRequest] = useState<{ find: () => HTMLElement | null | undefined } | null>(null);
  useEffect(() => {
    if (!request) return;
    request.find()?.focus();
    setRequest(null);
  }, [request]);
  return useCallback((find: () => HTMLElement | null | undefined) => setRequest({ find }), []);
}
