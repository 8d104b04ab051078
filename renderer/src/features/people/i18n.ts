import { defineBundle } from '../../i18n/bundle';

// Translations of this feature, merged into the app's. Keys must exist in both languages.
// `fields` labels the History panel; the shared field names (kind, name...) carry the same label in every bundle.
const en = {
  fields: {
    name: 'Name',
    organisationId: 'Organisation',
    role: 'Role or position',
    email: 'E-mail',
    phone: 'Phone',
  },
  people: {
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
  },
};

export const peopleI18n = defineBundle<typeof en>({
  en,
  nl: {
    fields: {
      name: 'Naam',
      organisationId: 'Organisatie',
      role: 'Functie of rol',
      email: 'E-mail',
      phone: 'Telefoon',
    },
    people: {
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
    },
  },
});
