import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupsSection } from '../backups/BackupsSection';
import { RetentionRulesSection } from '../retention/RetentionPage';
import { LogsSection } from './LogsSection';
import { PostSettingsForm } from './PostSettingsForm';
import { SecuritySection } from './SecuritySection';
import { TaxonomySection } from './TaxonomySection';
import './settings.css';

/**
 * The post's settings, security (passphrase, automatic lock, recovery), backups, the editable taxonomies,
 * then the log file.
 */
export function SettingsPage(): ReactNode {
  const { t } = useTranslation('settings');
  return (
    <div className="page settings">
      <header className="page__header settings__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </header>
      <section className="settings-section">
        <PostSettingsForm />
      </section>
      <SecuritySection />
      <BackupsSection />
      <RetentionRulesSection />
      <TaxonomySection />
      <LogsSection />
    </div>
  );
}
