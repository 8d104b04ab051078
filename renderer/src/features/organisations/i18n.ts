import type { Dutch } from '../../i18n/catalogue';

// The `organisations` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  fields: {
    name: 'Name',
    country: 'Country',
    type: 'Type',
  },
  title: 'Organisations',
  listLabel: 'Partner organisations',
  new: 'New organisation',
  empty: 'No organisations match. Add a partner organisation with “New organisation”.',
  editTitle: 'Organisation',
  newTitle: 'New organisation',
  save: 'Save organisation',
  notSelected: 'Select an organisation to see it and its engagements, or add a new one.',
  typeLabel: 'Kind of organisation',
  lastContact: 'Last contact {{when}}',
  never: 'No contact yet',
  hint: {
    name: 'For example: Bundeskriminalamt, DIJIN, Europol',
  },
};

export const nl: Dutch<typeof en> = {
  fields: {
    name: 'Naam',
    country: 'Land',
    type: 'Soort',
  },
  title: 'Organisaties',
  listLabel: 'Partnerorganisaties',
  new: 'Nieuwe organisatie',
  empty: 'Geen organisaties gevonden. Voeg een partnerorganisatie toe met “Nieuwe organisatie”.',
  editTitle: 'Organisatie',
  newTitle: 'Nieuwe organisatie',
  save: 'Organisatie opslaan',
  notSelected: 'Kies een organisatie om die en de contacten ermee te bekijken, of voeg een nieuwe toe.',
  typeLabel: 'Soort organisatie',
  lastContact: 'Laatste contact {{when}}',
  never: 'Nog geen contact',
  hint: {
    name: 'Bijvoorbeeld: Bundeskriminalamt, DIJIN, Europol',
  },
};
