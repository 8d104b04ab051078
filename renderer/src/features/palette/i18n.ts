import type { Dutch } from '../../i18n/catalogue';

// The `palette` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  title: 'Search and commands',
  inputLabel: 'Search records or type a command',
  placeholder: 'Search records, or type a command such as “new request”',
  commands: 'Commands',
  records: 'Records',
  new: {
    engagement: 'New engagement',
    request: 'New information request',
    result: 'New result',
    organisation: 'New organisation',
    person: 'New person',
    case: 'New case',
  },
  goTo: 'Go to {{place}}',
  typeMore: 'Type at least two letters to search the records.',
  searching: 'Searching…',
  found_one: '{{count}} record found.',
  found_other: '{{count}} records found.',
  noRecords: 'No records match “{{text}}”.',
  noCommands: 'No commands match.',
  searchFailed: 'Search failed: {{message}}',
  keys: {
    move: 'to move',
    run: 'to open',
    close: 'to close',
  },
};

export const nl: Dutch<typeof en> = {
  title: 'Zoeken en opdrachten',
  inputLabel: 'Records zoeken of een opdracht typen',
  placeholder: 'Zoek records, of typ een opdracht zoals “nieuw verzoek”',
  commands: 'Opdrachten',
  records: 'Records',
  new: {
    engagement: 'Nieuw contact',
    request: 'Nieuw informatieverzoek',
    result: 'Nieuw resultaat',
    organisation: 'Nieuwe organisatie',
    person: 'Nieuwe persoon',
    case: 'Nieuwe zaak',
  },
  goTo: 'Naar {{place}}',
  typeMore: 'Typ minstens twee letters om de records te doorzoeken.',
  searching: 'Zoeken…',
  found_one: '{{count}} record gevonden.',
  found_other: '{{count}} records gevonden.',
  noRecords: 'Geen records gevonden voor “{{text}}”.',
  noCommands: 'Geen opdrachten gevonden.',
  searchFailed: 'Zoeken mislukt: {{message}}',
  keys: {
    move: 'verplaatsen',
    run: 'openen',
    close: 'sluiten',
  },
};
