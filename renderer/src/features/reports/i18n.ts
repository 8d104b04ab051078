import type { Dutch } from '../../i18n/catalogue';

// The `reports` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  title: 'Reports',
  intro:
    'The statistics Directive (EU) 2023/977 requires each year (Article 18), from every request this installation holds: its own and, at HQ, every post’s.',
  year: 'Calendar year',
  show: 'Show',
  download: 'Save as',
  savedTo: 'Saved to {{path}}',
  csv: 'CSV',
  xlsx: 'Excel (XLSX)',
  json: 'JSON',
  loading: 'Counting…',
  due: 'Due to the Commission by 1 March {{next}}.',
  a: '(a) Requests submitted to other member states',
  b: '(b) Requests received and answered',
  c: '(c) Refusals by ground (Art. 6(1))',
  d: '(d) Deadline deviations for judicial authorisation (Art. 5(2))',
  basis: 'What was counted',
  memberState: 'Member state',
  count: 'Number',
  receivedUrgent: 'Received, urgent',
  receivedNonUrgent: 'Received, not urgent',
  answeredUrgent: 'Answered, urgent',
  answeredNonUrgent: 'Answered, not urgent',
  ground: 'Ground',
  total: 'Total',
  none: 'None in {{year}}.',
  basisText:
    '{{inYear}} requests are dated in {{year}} ({{timeZone}} clock); {{counted}} were exchanged with other EU member states outside the judicial channel and count. Left out: {{nonEu}} with countries outside the EU, {{home}} with the own country, {{judicial}} through mutual legal assistance / EIO.',
  basisRules:
    'A request counts in the year it was received (incoming) or sent (outgoing). Withdrawn requests count as received, not answered. Refusals count under (c). Records in the trash do not count.',
};

export const nl: Dutch<typeof en> = {
  title: 'Rapportages',
  intro:
    'De statistiek die Richtlijn (EU) 2023/977 elk jaar vraagt (artikel 18), uit alle verzoeken in deze installatie: de eigen en, op het hoofdkantoor, die van alle posten.',
  year: 'Kalenderjaar',
  show: 'Tonen',
  download: 'Opslaan als',
  savedTo: 'Opgeslagen in {{path}}',
  csv: 'CSV',
  xlsx: 'Excel (XLSX)',
  json: 'JSON',
  loading: 'Tellen…',
  due: 'Uiterlijk 1 maart {{next}} naar de Commissie.',
  a: '(a) Verzoeken ingediend bij andere lidstaten',
  b: '(b) Verzoeken ontvangen en beantwoord',
  c: '(c) Weigeringen per grond (art. 6 lid 1)',
  d: '(d) Termijnafwijkingen voor rechterlijke machtiging (art. 5 lid 2)',
  basis: 'Wat is geteld',
  memberState: 'Lidstaat',
  count: 'Aantal',
  receivedUrgent: 'Ontvangen, spoedeisend',
  receivedNonUrgent: 'Ontvangen, niet spoedeisend',
  answeredUrgent: 'Beantwoord, spoedeisend',
  answeredNonUrgent: 'Beantwoord, niet spoedeisend',
  ground: 'Grond',
  total: 'Totaal',
  none: 'Geen in {{year}}.',
  basisText:
    '{{inYear}} verzoeken vallen in {{year}} (klok {{timeZone}}); {{counted}} zijn uitgewisseld met andere EU-lidstaten buiten het justitiële kanaal en tellen mee. Niet geteld: {{nonEu}} met landen buiten de EU, {{home}} met het eigen land, {{judicial}} via rechtshulp / EOB.',
  basisRules:
    'Een verzoek telt in het jaar van ontvangst (inkomend) of verzending (uitgaand). Ingetrokken verzoeken tellen als ontvangen, niet als beantwoord. Weigeringen tellen onder (c). Records in de prullenbak tellen niet.',
};
