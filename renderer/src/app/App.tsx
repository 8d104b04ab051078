import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MaintenanceIndicator } from '../features/backups/MaintenanceIndicator';
import { useExchange } from '../features/exchange/exchange-store';
import { RecordPage } from '../features/records/RecordPage';
import { configForView } from '../features/records/registry';
import { useSession } from '../features/session/session-store';
import { useSettings } from '../features/settings/settings-store';
import { useTaxonomy } from '../features/taxonomy/taxonomy-store';
import type { Language } from '../i18n';
import { PageErrorBoundary } from '../ui/ErrorBoundary';
import { Toasts } from '../ui/Toasts';
import { CommandPalette } from '../features/palette/CommandPalette';
import { PAGES } from './pages';
import { resetStores } from './reset-stores';
import { useRoute, VIEWS, routeHash, type View } from './router';
import { togglePalette, useGlobalShortcuts } from './shortcuts';

const NAV_GROUPS: readonly (readonly View[])[] = [
  ['attention', 'overview', 'dashboards', 'efficiency', 'reports'],
  ['engagements', 'requests', 'results', 'workplan'],
  ['organisations', 'people', 'cases'],
  ['trash', 'retention', 'exchange', 'sheet-import', 'settings'],
];

/**
 * "Reload this page" after a page failed: what the pages had loaded is dropped and read again (the settings
 * stay on screen while they are), so a page that failed on bad data gets fresh data, not the same again.
 */
function reloadPageData(): void {
  const { settings } = useSettings.getState();
  resetStores();
  useSettings.setState({ settings, loaded: true });
  void useSettings.getState().load();
  void useTaxonomy.getState().load();
}

/**
 * Whose logbook this is, for the top bar: the installation's role (from the identity store, which setup
 * updates) and its name (from the settings, which setup and the settings page update). Before setup, the name
 * alone or "Post logbook" as before.
 */
function BrandTagline(): ReactNode {
  const { t } = useTranslation(['common', 'session']);
  const role = useExchange((s) => s.identity?.role ?? null);
  const load = useExchange((s) => s.load);
  const name = useSettings((s) => s.settings.postName.trim());
  useEffect(() => {
    if (useExchange.getState().identity === null) void load();
  }, [load]);
  let text: string;
  if (role === null) text = name || t('app.tagline');
  else if (name) text = t(role === 'hq' ? 'session:brand.hqNamed' : 'session:brand.postNamed', { name });
  else text = t(role === 'hq' ? 'session:brand.hq' : 'session:brand.post');
  return (
    <span className="brand__tagline" data-role={role ?? undefined} title={text}>
      {text}
    </span>
  );
}

export function App(): ReactNode {
  const { t } = useTranslation();
  const { settings, loaded, load, setLanguage } = useSettings();
  const loadTaxonomy = useTaxonomy((s) => s.load);
  const lock = useSession((s) => s.lock);
  const { view } = useRoute();
  useGlobalShortcuts();

  useEffect(() => {
    void load();
    void loadTaxonomy();
  }, [load, loadTaxonomy]);

  useEffect(() => {
    document.title = `${t(`nav.${view}`)} · ${t('app.name')}`;
  }, [view, t]);

  const config = configForView(view);
  const Page = PAGES[view];

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            LL
          </span>
          <span className="brand__name">{t('app.name')}</span>
          <BrandTagline />
        </div>
        <button type="button" className="command-button" onClick={togglePalette}>
          {t('app.commandHint')} <kbd>Ctrl</kbd>+<kbd>K</kbd>
        </button>
        <div className="topbar__end">
          <MaintenanceIndicator />
          <label className="language">
            <span>{t('app.language')}</span>
            <select value={settings.language} onChange={(e) => void setLanguage(e.target.value as Language)}>
              <option value="en">English</option>
              <option value="nl">Nederlands</option>
            </select>
          </label>
          <button
            type="button"
            className="lock-button"
            aria-keyshortcuts="Control+L"
            title={t('app.lockHint')}
            onClick={() => void lock()}
          >
            <svg aria-hidden="true" width="14" height="16" viewBox="0 0 14 16">
              <rect x="1" y="7" width="12" height="8" rx="1.5" fill="currentColor" />
              <path d="M4 7V4.5a3 3 0 0 1 6 0V7" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
            {t('app.lockNow')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t('app.mainNav')}>
        {NAV_GROUPS.map((group) => (
          <ul key={group.join()}>
            {group
              .filter((v) => VIEWS.includes(v))
              .map((v) => (
                <li key={v}>
                  <a href={routeHash({ view: v, id: null })} aria-current={v === view ? 'page' : undefined}>
                    {t(`nav.${v}`)}
                  </a>
                </li>
              ))}
          </ul>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {/* Each page behind its own error boundary: one that fails to render leaves the rest working. */}
        <PageErrorBoundary key={view} page={view} title={t(`nav.${view}`)} onReset={reloadPageData}>
          {!loaded ? null : config ? (
            <RecordPage key={view} config={config} />
          ) : Page ? (
            <Page />
          ) : (
            <p className="empty">{t(`nav.${view}`)}</p>
          )}
        </PageErrorBoundary>
      </main>
      <Toasts />
      <CommandPalette />
    </div>
  );
}
