import { defineBundle } from '../i18n/bundle';

// Translations of the shared figure components (period picker, key figures, tables with export and
// drill-down), used by the overview and the dashboards alike.
export const figuresI18n = defineBundle({
  en: {
    period: {
      label: 'Period',
      from: 'From',
      to: 'To (inclusive)',
      presets: {
        thisQuarter: 'This quarter',
        lastQuarter: 'Last quarter',
        thisYear: 'This year',
        last12Months: 'Last 12 months',
        custom: 'Custom',
      },
      problem: {
        invalid_from: 'Enter a valid start date.',
        invalid_to: 'Enter a valid end date.',
        reversed: 'The start date is after the end date.',
      },
    },
    figures: {
      showing: 'Figures for {{period}}',
      loading: 'Loading the figures…',
      retry: 'Try again',
      notRecorded: 'Not recorded',
      none: 'Nothing in this period.',
      noValue: '–',
      showAll: 'Show all {{count}}',
      showFewer: 'Show fewer',
      openList: '{{label}}: {{count}}. Show them in the list',
      exportLabel: 'Export “{{table}}”',
      export: 'Export',
      csv: 'CSV',
      xlsx: 'XLSX',
      exportFailed: 'The table could not be exported: {{message}}',
      savedTo: 'Saved to {{path}}',
      column: {
        count: 'Number',
        share: 'Share',
      },
    },
  },
  nl: {
    period: {
      label: 'Periode',
      from: 'Van',
      to: 'Tot en met',
      presets: {
        thisQuarter: 'Dit kwartaal',
        lastQuarter: 'Vorig kwartaal',
        thisYear: 'Dit jaar',
        last12Months: 'Afgelopen 12 maanden',
        custom: 'Zelf kiezen',
      },
      problem: {
        invalid_from: 'Vul een geldige begindatum in.',
        invalid_to: 'Vul een geldige einddatum in.',
        reversed: 'De begindatum ligt na de einddatum.',
      },
    },
    figures: {
      showing: 'Cijfers over {{period}}',
      loading: 'Cijfers laden…',
      retry: 'Opnieuw proberen',
      notRecorded: 'Niet vastgelegd',
      none: 'Niets in deze periode.',
      noValue: '–',
      showAll: 'Alle {{count}} tonen',
      showFewer: 'Minder tonen',
      openList: '{{label}}: {{count}}. Toon ze in de lijst',
      exportLabel: '“{{table}}” exporteren',
      export: 'Exporteren',
      csv: 'CSV',
      xlsx: 'XLSX',
      exportFailed: 'De tabel kon niet worden geëxporteerd: {{message}}',
      savedTo: 'Opgeslagen in {{path}}',
      column: {
        count: 'Aantal',
        share: 'Aandeel',
      },
    },
  },
});
