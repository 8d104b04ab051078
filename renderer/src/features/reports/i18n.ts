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
  // The evaluation dataset (issue 14, item 4): DatasetExport.tsx.
  dataset: {
    open: 'Evaluation dataset…',
    title: 'Evaluation dataset for external evaluators',
    intro:
      'A folder with one CSV file per table, a datapackage.json (Frictionless Data Package) describing every column, and a codebook in English and Dutch.',
    factPrivacy: 'No names and no free text: no subjects, notes, agencies, case references, people or officers.',
    factPseudonyms:
      'Records and posts carry pseudonymous ids, the same in every dataset from this installation; dates are coarsened to the month.',
    factSuppression:
      'In the aggregate tables, counts below the threshold are shown as “c”, with the counts that would reveal them.',
    period: 'Period',
    from: 'From',
    to: 'To',
    // A problem of the period by its stable code, next to its field (DatasetExport.tsx, datasetPeriodProblems).
    problem: {
      required: 'Enter a date.',
      date_format: 'Enter the date as day/month/year, for example 28/11/2026.',
      period_order: 'The period must end on or after the day it starts.',
    },
    threshold: 'Suppression threshold',
    thresholdHint: 'Counts from 1 to {{below}} are suppressed.',
    thresholdProblem: 'Enter a whole number from {{min}} to {{max}}.',
    aggregatesOnly: 'Aggregates only (leave the record tables out: a package that may be published)',
    replace: 'Replace an earlier dataset of this period in the chosen folder',
    submit: 'Choose a folder and export',
    stop: 'Stop',
    close: 'Close',
    phase: {
      read: 'Reading records… {{done}}',
      aggregate: 'Counting and suppressing…',
      write: 'Writing files… {{done}} of {{total}}',
    },
    cancelled: 'Stopped: nothing was written.',
    done: 'The dataset was saved to:',
    summary: '{{tables}} tables, {{rows}} rows; {{suppressed}} counts suppressed.',
    invalid: 'Check the period and the threshold.',
  },
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
  dataset: {
    open: 'Evaluatiedataset…',
    title: 'Evaluatiedataset voor externe evaluatoren',
    intro:
      'Een map met één CSV-bestand per tabel, een datapackage.json (Frictionless Data Package) die elke kolom beschrijft, en een codeboek in het Engels en het Nederlands.',
    factPrivacy:
      'Geen namen en geen vrije tekst: geen onderwerpen, notities, instanties, zaakkenmerken, personen of functionarissen.',
    factPseudonyms:
      'Records en posten hebben pseudoniemen, in elke dataset van deze installatie dezelfde; datums zijn afgerond op de maand.',
    factSuppression:
      'In de aggregaattabellen staan aantallen onder de drempel als “c”, met de aantallen waaruit ze af te leiden zouden zijn.',
    period: 'Periode',
    from: 'Van',
    to: 'Tot en met',
    problem: {
      required: 'Vul een datum in.',
      date_format: 'Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.',
      period_order: 'De periode moet eindigen op of na de dag waarop hij begint.',
    },
    threshold: 'Drempel voor onderdrukking',
    thresholdHint: 'Aantallen van 1 tot en met {{below}} worden onderdrukt.',
    thresholdProblem: 'Vul een geheel getal in van {{min}} tot en met {{max}}.',
    aggregatesOnly: 'Alleen aggregaten (zonder de recordtabellen: een pakket dat gepubliceerd mag worden)',
    replace: 'Een eerdere dataset van deze periode in de gekozen map vervangen',
    submit: 'Map kiezen en exporteren',
    stop: 'Stoppen',
    close: 'Sluiten',
    phase: {
      read: 'Records lezen… {{done}}',
      aggregate: 'Tellen en onderdrukken…',
      write: 'Bestanden schrijven… {{done}} van {{total}}',
    },
    cancelled: 'Gestopt: er is niets geschreven.',
    done: 'De dataset is opgeslagen in:',
    summary: '{{tables}} tabellen, {{rows}} rijen; {{suppressed}} aantallen onderdrukt.',
    invalid: 'Controleer de periode en de drempel.',
  },
};
