import type { Dutch } from '../../i18n/catalogue';

// The `cases` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  fields: {
    reference: 'Reference',
    name: 'Name',
  },
  title: 'Cases and operations',
  listLabel: 'Cases and operations',
  new: 'New case',
  empty: 'No cases match. Add a case or operation with “New case”.',
  editTitle: 'Case or operation',
  newTitle: 'New case or operation',
  save: 'Save case',
  notSelected: 'Select a case to see it and what is linked to it, or add a new one.',
  status: {
    active: 'Active',
    closed: 'Closed',
  },
  hint: {
    reference: 'Case number or operation code, e.g. OP-2026-0012',
    name: 'For example: Operation Condor',
  },
};

export const nl: Dutch<typeof en> = {
  fields: {
    reference: 'Kenmerk',
    name: 'Naam',
  },
  title: 'Zaken en operaties',
  listLabel: 'Zaken en operaties',
  new: 'Nieuwe zaak',
  empty: 'Geen zaken gevonden. Voeg een zaak of operatie toe met “Nieuwe zaak”.',
  editTitle: 'Zaak of operatie',
  newTitle: 'Nieuwe zaak of operatie',
  save: 'Zaak opslaan',
  notSelected: 'Kies een zaak om die en wat eraan gekoppeld is te bekijken, of voeg een nieuwe toe.',
  status: {
    active: 'Lopend',
    closed: 'Afgesloten',
  },
  hint: {
    reference: 'Zaaknummer of operatiecode, bijv. OP-2026-0012',
    name: 'Bijvoorbeeld: Operatie Condor',
  },
};
