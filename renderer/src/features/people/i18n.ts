import type { Dutch } from '../../i18n/catalogue';

// The `people` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  fields: {
    name: 'Name',
    organisationId: 'Organisation',
    role: 'Role or position',
    email: 'E-mail',
    phone: 'Phone',
  },
  title: 'People',
  listLabel: 'Contact persons',
  new: 'New person',
  empty: 'No people match. Add a contact person with “New person”.',
  editTitle: 'Person',
  newTitle: 'New person',
  save: 'Save person',
  notSelected: 'Select a person to see their details, or add a new one.',
  personalData:
    'Personal data: people stay on this laptop and leave it only in a full export. Record only what you need to stay in touch.',
  noRole: 'No role recorded',
  hint: {
    role: 'For example: head of the drugs unit, liaison officer',
    phone: 'With country code, e.g. +57 601 234 5678',
  },
};

export const nl: Dutch<typeof en> = {
  fields: {
    name: 'Naam',
    organisationId: 'Organisatie',
    role: 'Functie of rol',
    email: 'E-mail',
    phone: 'Telefoon',
  },
  title: 'Personen',
  listLabel: 'Contactpersonen',
  new: 'Nieuwe persoon',
  empty: 'Geen personen gevonden. Voeg een contactpersoon toe met “Nieuwe persoon”.',
  editTitle: 'Persoon',
  newTitle: 'Nieuwe persoon',
  save: 'Persoon opslaan',
  notSelected: 'Kies een persoon om de gegevens te bekijken, of voeg een nieuwe persoon toe.',
  personalData:
    'Persoonsgegevens: personen blijven op deze laptop en verlaten die alleen in een volledige export. Leg alleen vast wat nodig is om contact te houden.',
  noRole: 'Geen functie vastgelegd',
  hint: {
    role: 'Bijvoorbeeld: hoofd drugsunit, liaison officer',
    phone: 'Met landnummer, bijv. +57 601 234 5678',
  },
};
