import { defineBundle } from '../i18n/bundle';

// Translations of the page error boundary (ErrorBoundary.tsx): what happened, and what to do.
export const errorBoundaryI18n = defineBundle({
  en: {
    pageFailed: {
      title: 'This page could not be shown',
      what: 'Something went wrong while showing “{{page}}”. What you have saved is safe: nothing was changed.',
      todo: 'Go to another page in the menu, or reload this page. If it keeps happening, Settings → Logs shows what went wrong.',
      reload: 'Reload this page',
      details: 'Details for support',
    },
  },
  nl: {
    pageFailed: {
      title: 'Deze pagina kan niet worden getoond',
      what: 'Er ging iets mis bij het tonen van “{{page}}”. Wat u hebt opgeslagen, is veilig: er is niets gewijzigd.',
      todo: 'Ga naar een andere pagina in het menu, of laad deze pagina opnieuw. Blijft het gebeuren, dan staat onder Instellingen → Logbestanden wat er misging.',
      reload: 'Pagina opnieuw laden',
      details: 'Details voor ondersteuning',
    },
  },
});
