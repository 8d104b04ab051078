import type { Dutch } from '../../i18n/catalogue';

// The `attention` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  title: 'Needs attention',
  intro: 'What needs you now: deadlines, follow-ups and partners you have not been in touch with for a while.',
  refresh: 'Refresh',
  asOf: 'As of {{when}}',
  loading: 'Loading…',
  loadError: 'The lists could not be loaded: {{message}}',
  retry: 'Try again',
  untitled: '(no title)',
  showAll: 'Show all {{count}}',
  showFewer: 'Show fewer',
  overdue: {
    title: 'Overdue requests',
    hint: 'Open requests past their Directive deadline.',
    empty: 'Nothing overdue.',
    when: 'Was due {{when}}',
    openList: 'Open the overdue requests in the request list',
  },
  dueSoon: {
    title: 'Requests due within 48 hours',
    hint: 'Open requests whose deadline falls in the next two days.',
    empty: 'Nothing due in the next 48 hours.',
    when: 'Due {{when}}',
  },
  followUps: {
    title: 'Follow-ups due',
    hint: 'Engagements with a follow-up due in the next 7 days, or earlier and not yet done.',
    empty: 'No follow-ups due.',
    when: 'Follow-up {{when}}',
  },
  quiet: {
    title: 'Partners not contacted for {{days}} days',
    hint: 'Partner organisations without a logged engagement in the last {{days}} days.',
    settings: 'Change the number of days in Settings',
    empty: 'You have been in touch with every partner recently.',
    when: 'Last contact {{when}}',
    never: 'Never contacted',
  },
};

export const nl: Dutch<typeof en> = {
  title: 'Aandacht nodig',
  intro: 'Wat nu uw aandacht vraagt: termijnen, opvolging en partners met wie u al een tijd geen contact had.',
  refresh: 'Vernieuwen',
  asOf: 'Stand van {{when}}',
  loading: 'Laden…',
  loadError: 'De lijsten konden niet worden geladen: {{message}}',
  retry: 'Opnieuw proberen',
  untitled: '(geen titel)',
  showAll: 'Alle {{count}} tonen',
  showFewer: 'Minder tonen',
  overdue: {
    title: 'Verzoeken over de termijn',
    hint: 'Open verzoeken waarvan de termijn uit de richtlijn is verstreken.',
    empty: 'Niets te laat.',
    when: 'Termijn verliep {{when}}',
    openList: 'De te late verzoeken openen in de lijst met verzoeken',
  },
  dueSoon: {
    title: 'Verzoeken met een termijn binnen 48 uur',
    hint: 'Open verzoeken waarvan de termijn in de komende twee dagen verloopt.',
    empty: 'Geen termijnen in de komende 48 uur.',
    when: 'Termijn verloopt {{when}}',
  },
  followUps: {
    title: 'Opvolging nodig',
    hint: 'Contacten met een opvolgdatum in de komende 7 dagen, of eerder en nog niet afgehandeld.',
    empty: 'Geen opvolging nodig.',
    when: 'Opvolgen {{when}}',
  },
  quiet: {
    title: 'Partners zonder contact in {{days}} dagen',
    hint: 'Partnerorganisaties zonder vastgelegd contact in de afgelopen {{days}} dagen.',
    settings: 'Het aantal dagen wijzigen in Instellingen',
    empty: 'U hebt onlangs met alle partners contact gehad.',
    when: 'Laatste contact {{when}}',
    never: 'Nog nooit contact gehad',
  },
};
