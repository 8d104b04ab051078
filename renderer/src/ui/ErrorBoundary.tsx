import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOG_CODE_PATTERN, LOG_MESSAGE_MAX } from '../../../shared/logs/schema';
import { call } from '../api/bridge';
import './error-boundary.css';

// One per page (App.tsx wraps each): an error while rendering a page shows a calm message in its place,
// while the menu, the top bar and every other page keep working. The error is written to the log file in
// the data folder (Settings → Logs) as the page's name and the error's name and message: never the page's
// data, and never the component stack.

export const PAGE_FAILED_CODE = 'renderer.page_failed';

interface Props {
  /** The page's stable name (its view, such as `overview`), written to the log. */
  readonly page: string;
  /** The page's name as the officer knows it, for the message. */
  readonly title: string;
  /** Called by "Reload this page" before the page is shown again, to drop what it had loaded. */
  readonly onReset?: () => void;
  readonly children: ReactNode;
}

interface State {
  /** `Name: message` of the error that stopped the page, or null while the page is fine. */
  readonly failure: string | null;
}

export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failure: null };

  static getDerivedStateFromError(error: unknown): State {
    return { failure: summary(error) };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    void report(this.props.page, summary(error));
  }

  private readonly reload = () => {
    this.props.onReset?.();
    this.setState({ failure: null });
  };

  override render(): ReactNode {
    if (this.state.failure === null) return this.props.children;
    return <PageFailed title={this.props.title} failure={this.state.failure} onReload={this.reload} />;
  }
}

function PageFailed({ title, failure, onReload }: { title: string; failure: string; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page-failed" role="alert" aria-labelledby="page-failed-title">
      <h1 id="page-failed-title">{t('pageFailed.title')}</h1>
      <p>{t('pageFailed.what', { page: title })}</p>
      <p>{t('pageFailed.todo')}</p>
      <div className="page-failed__actions">
        <button type="button" className="button button--primary" onClick={onReload}>
          {t('pageFailed.reload')}
        </button>
      </div>
      <details className="page-failed__details">
        <summary>{t('pageFailed.details')}</summary>
        <code translate="no">{failure}</code>
      </details>
    </div>
  );
}

/** The error's name and message, and nothing else of it (a thrown non-Error is named by its type only). */
function summary(error: unknown): string {
  if (!(error instanceof Error)) return `A value of type ${error === null ? 'null' : typeof error} was thrown`;
  const name = /^[A-Za-z_$][\w$]{0,63}$/.test(error.name) ? error.name : 'Error';
  const text = `${name}: ${error.message}`;
  return text.length > LOG_MESSAGE_MAX ? `${text.slice(0, LOG_MESSAGE_MAX - 1)}…` : text;
}

async function report(page: string, message: string): Promise<void> {
  try {
    await call('logs.write', {
      code: PAGE_FAILED_CODE,
      message,
      ...(LOG_CODE_PATTERN.test(page) ? { page } : {}),
    });
  } catch {
    // No backend to write to (the page opened outside Liaison Log): the message on screen is what remains.
  }
}
