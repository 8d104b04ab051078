import type { Dutch } from '../../i18n/catalogue';

// The `requests` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  title: 'Information requests',
  listLabel: 'Information requests',
  new: 'New request',
  empty: 'No information requests match. Log one with “New request”.',
  editTitle: 'Information request',
  newTitle: 'New information request',
  save: 'Save request',
  notSelected: 'Select a request to see it, or create a new one.',
  hint: {
    counterpartAgency: 'For example: Bundeskriminalamt, Policía Nacional',
    subject: 'A short description, no personal data needed here',
    spocExemption: 'Bilateral exchanges under the Directive copy the national SPOC unless an exemption applies.',
    judicialDeviation: 'Counted separately in the Article 18 statistics.',
  },
  direction: {
    incoming: 'Incoming (a partner asks us)',
    outgoing: 'Outgoing (we ask a partner)',
  },
  directionShort: {
    incoming: 'Incoming',
    outgoing: 'Outgoing',
  },
  status: {
    open: 'Open',
    answered: 'Answered',
    refused: 'Refused',
    withdrawn: 'Withdrawn',
  },
  urgency: {
    non_urgent: 'Not urgent',
    urgent: 'Urgent',
  },
  accessibility: {
    direct: 'Directly accessible',
    indirect: 'To be obtained from others',
  },
  urgencyGround: {
    public_security: 'Serious and immediate threat to public security',
    life_or_integrity: 'Imminent threat to life or physical integrity',
    deprivation_of_liberty: 'Needed for a decision on deprivation of liberty',
    loses_relevance: 'Information would lose relevance',
  },
  refusalGround: {
    a: '(a) Information not available',
    b: '(b) Request does not meet Article 4',
    c: '(c) Judicial authorisation refused',
    d: '(d) Personal data outside the permitted categories',
    e: '(e) Information inaccurate, incomplete or outdated',
    f: '(f) National security, investigation, safety or harm',
    g: '(g) Minor offence or not an offence here',
    h: '(h) Originating state or third party did not consent',
  },
  nudge: {
    title: 'SIENA is the default channel with EU member states.',
    text: 'If you used another channel, please say why. You can save without answering.',
    noAnswer: 'No reason given',
  },
  nonSienaReason: {
    third_party: 'Third countries or organisations involved (Art. 13(a))',
    urgency: 'Urgency required another channel (Art. 13(b))',
    incident: 'Technical or operational incident (Art. 13(c))',
    other: 'Other reason',
  },
  directive: 'Directive (EU) 2023/977',
  outcome: 'Outcome',
  dueIncoming: 'Answer due by {{when}}',
  dueOutgoing: 'The partner should answer by {{when}}',
  noDeadline: 'No Directive deadline applies (not an EU partner, or a judicial channel).',
  deadline: {
    overdue: 'Overdue',
    due_soon: 'Due soon',
  },
};

export const nl: Dutch<typeof en> = {
  title: 'Informatieverzoeken',
  listLabel: 'Informatieverzoeken',
  new: 'Nieuw verzoek',
  empty: 'Geen informatieverzoeken gevonden. Leg er een vast met “Nieuw verzoek”.',
  editTitle: 'Informatieverzoek',
  newTitle: 'Nieuw informatieverzoek',
  save: 'Verzoek opslaan',
  notSelected: 'Kies een verzoek om het te bekijken, of maak een nieuw verzoek.',
  hint: {
    counterpartAgency: 'Bijvoorbeeld: Bundeskriminalamt, Policía Nacional',
    subject: 'Een korte omschrijving, zonder persoonsgegevens',
    spocExemption:
      'Bij bilaterale uitwisseling onder de richtlijn gaat de nationale SPOC in kopie, tenzij een uitzondering geldt.',
    judicialDeviation: 'Wordt apart geteld in de statistiek van artikel 18.',
  },
  direction: {
    incoming: 'Inkomend (een partner vraagt ons)',
    outgoing: 'Uitgaand (wij vragen een partner)',
  },
  directionShort: {
    incoming: 'Inkomend',
    outgoing: 'Uitgaand',
  },
  status: {
    open: 'Open',
    answered: 'Beantwoord',
    refused: 'Geweigerd',
    withdrawn: 'Ingetrokken',
  },
  urgency: {
    non_urgent: 'Niet spoedeisend',
    urgent: 'Spoedeisend',
  },
  accessibility: {
    direct: 'Direct toegankelijk',
    indirect: 'Op te vragen bij anderen',
  },
  urgencyGround: {
    public_security: 'Ernstige en onmiddellijke dreiging voor de openbare veiligheid',
    life_or_integrity: 'Acute dreiging voor leven of lichamelijke integriteit',
    deprivation_of_liberty: 'Nodig voor een besluit over vrijheidsbeneming',
    loses_relevance: 'Informatie verliest anders haar belang',
  },
  refusalGround: {
    a: '(a) Informatie niet beschikbaar',
    b: '(b) Verzoek voldoet niet aan artikel 4',
    c: '(c) Rechterlijke machtiging geweigerd',
    d: '(d) Persoonsgegevens buiten de toegestane categorieën',
    e: '(e) Informatie onjuist, onvolledig of verouderd',
    f: '(f) Nationale veiligheid, onderzoek, veiligheid of schade',
    g: '(g) Licht feit of hier geen strafbaar feit',
    h: '(h) Herkomststaat of derde gaf geen toestemming',
  },
  nudge: {
    title: 'SIENA is het standaardkanaal met EU-lidstaten.',
    text: 'Als u een ander kanaal gebruikte, geef dan aan waarom. Opslaan kan ook zonder antwoord.',
    noAnswer: 'Geen reden opgegeven',
  },
  nonSienaReason: {
    third_party: 'Derde landen of organisaties betrokken (art. 13(a))',
    urgency: 'Spoed vereiste een ander kanaal (art. 13(b))',
    incident: 'Technisch of operationeel incident (art. 13(c))',
    other: 'Andere reden',
  },
  directive: 'Richtlijn (EU) 2023/977',
  outcome: 'Afloop',
  dueIncoming: 'Antwoord uiterlijk {{when}}',
  dueOutgoing: 'De partner moet antwoorden vóór {{when}}',
  noDeadline: 'Geen termijn uit de richtlijn (geen EU-partner, of een justitieel kanaal).',
  deadline: {
    overdue: 'Te laat',
    due_soon: 'Termijn nadert',
  },
};
