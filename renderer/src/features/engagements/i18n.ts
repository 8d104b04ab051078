import { defineBundle } from '../../i18n/bundle';

// Translations of this feature, merged into the app's. Keys must exist in both languages.
// `fields` labels the History panel; the shared field names (kind, name...) carry the same label in every bundle.
const en = {
  fields: {
    occurredAt: 'Date and time',
    kind: 'Kind',
    purpose: 'Purpose',
    organisationIds: 'Organisations',
    personIds: 'People',
    followUpOn: 'Follow up on',
    followUpDone: 'Follow-up done',
  },
  engagements: {
    title: 'Engagements',
    listLabel: 'Engagements',
    new: 'New engagement',
    empty: 'No engagements match. Log a meeting, call or visit with “New engagement”.',
    editTitle: 'Engagement',
    newTitle: 'New engagement',
    save: 'Save engagement',
    notSelected: 'Select an engagement to see it, or log a new one.',
    kindLabel: 'Kind of contact',
    kind: {
      meeting: 'Meeting',
      call: 'Phone or video call',
      message: 'Message (e-mail, chat)',
      visit: 'Working visit',
      training: 'Training',
      conference: 'Conference',
      other: 'Other',
    },
    purpose: {
      operational: 'Operational',
      relationship: 'Non-operational: relationship building',
      capacity_building: 'Non-operational: capacity building',
      strategic: 'Non-operational: strategic',
    },
    purposeShort: {
      operational: 'Operational',
      relationship: 'Relationship',
      capacity_building: 'Capacity building',
      strategic: 'Strategic',
    },
    hint: {
      subject: 'A short description, for example “Monthly meeting on port controls”',
      followUpOn: 'Leave empty when nothing needs to happen next.',
    },
    followUp: 'Follow-up',
    followUpDue: 'Follow-up due',
  },
};

export const engagementsI18n = defineBundle<typeof en>({
  en,
  nl: {
    fields: {
      occurredAt: 'Datum en tijd',
      kind: 'Soort',
      purpose: 'Doel',
      organisationIds: 'Organisaties',
      personIds: 'Personen',
      followUpOn: 'Opvolgen op',
      followUpDone: 'Opvolging afgerond',
    },
    engagements: {
      title: 'Contacten',
      listLabel: 'Contacten',
      new: 'Nieuw contact',
      empty: 'Geen contacten gevonden. Leg een overleg, gesprek of bezoek vast met “Nieuw contact”.',
      editTitle: 'Contact',
      newTitle: 'Nieuw contact',
      save: 'Contact opslaan',
      notSelected: 'Kies een contact om het te bekijken, of leg een nieuw contact vast.',
      kindLabel: 'Soort contact',
      kind: {
        meeting: 'Overleg',
        call: 'Telefoon- of videogesprek',
        message: 'Bericht (e-mail, chat)',
        visit: 'Werkbezoek',
        training: 'Training',
        conference: 'Conferentie',
        other: 'Anders',
      },
      purpose: {
        operational: 'Operationeel',
        relationship: 'Niet-operationeel: relatiebeheer',
        capacity_building: 'Niet-operationeel: capaciteitsopbouw',
        strategic: 'Niet-operationeel: strategisch',
      },
      purposeShort: {
        operational: 'Operationeel',
        relationship: 'Relatiebeheer',
        capacity_building: 'Capaciteitsopbouw',
        strategic: 'Strategisch',
      },
      hint: {
        subject: 'Een korte omschrijving, bijvoorbeeld “Maandelijks overleg over havencontroles”',
        followUpOn: 'Leeg laten als er niets meer hoeft te gebeuren.',
      },
      followUp: 'Opvolging',
      followUpDue: 'Opvolging nodig',
    },
  },
});
