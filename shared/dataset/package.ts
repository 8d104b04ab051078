import { missingValues, SUPPRESSED, type Bilingual, type ColumnDef, type TableDef } from './columns';
import { DATASET_PACKAGE_NAME } from './schema';

// datapackage.json (Frictionless Tabular Data Package v1) and the English and Dutch codebooks, generated from the
// table definitions (shared/dataset/tables.ts): one description of every column for the CSV, the schema and
// the reader.

export interface DatasetMeta {
  readonly from: string;
  readonly to: string;
  /** The clock months are cut on. */
  readonly timeZone: string;
  readonly threshold: number;
  readonly aggregatesOnly: boolean;
  /** 'hq' or 'post': who made the export. */
  readonly role: string;
  readonly createdAt: string;
  readonly appVersion: string;
  readonly suppressed: { readonly primary: number; readonly secondary: number };
}

export interface WrittenTable {
  readonly table: TableDef;
  readonly rows: number;
  readonly bytes: number;
  /** Hex SHA-256 of the CSV file. */
  readonly sha256: string;
}

export const CSV_DIALECT = {
  delimiter: ',',
  lineTerminator: '\r\n',
  quoteChar: '"',
  doubleQuote: true,
  header: true,
} as const;

/** A Table Schema (v1) field for a column. */
export function tableField(column: ColumnDef, table: TableDef): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (column.required || table.primaryKey.includes(column.name)) constraints['required'] = true;
  if (column.enum && column.enum.length > 0) constraints['enum'] = [...column.enum];
  if (column.pattern) constraints['pattern'] = column.pattern;
  if (column.minimum !== undefined) constraints['minimum'] = column.minimum;
  if (column.maximum !== undefined) constraints['maximum'] = column.maximum;
  const field: Record<string, unknown> = {
    name: column.name,
    type: column.type,
    format: 'default',
    description: column.description.en,
  };
  if (column.type === 'boolean') {
    field['trueValues'] = ['true'];
    field['falseValues'] = ['false'];
  }
  if (column.type === 'number') {
    field['decimalChar'] = '.';
    field['groupChar'] = '';
    field['bareNumber'] = true;
  }
  if (Object.keys(constraints).length > 0) field['constraints'] = constraints;
  return field;
}

export function tableSchema(table: TableDef, present: ReadonlySet<string>): Record<string, unknown> {
  const schema: Record<string, unknown> = {
    fields: table.columns.map((c) => tableField(c, table)),
    primaryKey: table.primaryKey.length === 1 ? table.primaryKey[0] : [...table.primaryKey],
    missingValues: missingValues(table),
  };
  // A foreign key only to a table in the package (an aggregates-only package has no records to point at).
  const keys = (table.foreignKeys ?? [])
    .filter((k) => present.has(k.table))
    .map((k) => ({
      fields: k.fields.length === 1 ? k.fields[0] : [...k.fields],
      reference: {
        // Table Schema v1: an empty resource name refers to the table itself.
        resource: k.table === table.name ? '' : k.table,
        fields: k.columns.length === 1 ? k.columns[0] : [...k.columns],
      },
    }));
  if (keys.length > 0) schema['foreignKeys'] = keys;
  return schema;
}

export function packageDescriptor(meta: DatasetMeta, written: readonly WrittenTable[]): Record<string, unknown> {
  const present = new Set(written.map((w) => w.table.name));
  return {
    profile: 'tabular-data-package',
    name: DATASET_PACKAGE_NAME,
    title: `Liaison Log evaluation dataset, ${meta.from} to ${meta.to}`,
    description:
      'Activity of police liaison posts for external evaluation: information requests, engagements with partners, ' +
      'operational results and their links, time and travel, budgets and staffing, work plans, ' +
      'pseudonymised and without names or free text, with aggregate tables in ' +
      'which small counts are suppressed. See codebook.en.md (English) or codebook.nl.md (Nederlands).',
    version: '1.0.0',
    created: meta.createdAt,
    keywords: ['liaison officers', 'police cooperation', 'evaluation', 'Directive (EU) 2023/977'],
    // What a reader needs besides the schema: the period, the clock, the threshold. Custom properties are
    // allowed by the Data Package specification.
    liaisonLog: {
      period: { from: meta.from, to: meta.to },
      timeZone: meta.timeZone,
      suppressionThreshold: meta.threshold,
      suppressedMarker: SUPPRESSED,
      suppressedCells: meta.suppressed,
      aggregatesOnly: meta.aggregatesOnly,
      madeBy: meta.role,
      appVersion: meta.appVersion,
      pseudonyms: 'HMAC-SHA-256(dataset key, "<kind>\\u0000<record id>"), first 20 hexadecimal digits',
    },
    resources: written.map((w) => ({
      name: w.table.name,
      path: `${w.table.name}.csv`,
      profile: 'tabular-data-resource',
      title: w.table.title.en,
      description: w.table.description.en,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      bytes: w.bytes,
      hash: `sha256:${w.sha256}`,
      dialect: { ...CSV_DIALECT },
      schema: tableSchema(w.table, present),
    })),
  };
}

type Lang = keyof Bilingual;

const WORDS = {
  en: {
    title: 'Codebook: Liaison Log evaluation dataset',
    intro:
      'This folder is a Frictionless Tabular Data Package: datapackage.json describes every file and column (types, allowed values, keys) for software; this codebook describes them for people. Each table is a CSV file (RFC 4180: UTF-8, comma-separated, a header row, CRLF line ends, ISO 8601 dates, "." as the decimal mark).',
    period: 'Period',
    clock: 'Months are calendar months on the clock of',
    made: 'Made',
    by: 'by',
    contents: 'Tables',
    file: 'File',
    rows: 'Rows',
    column: 'Column',
    type: 'Type',
    required: 'Required',
    yes: 'yes',
    no: 'no',
    description: 'Description',
    values: 'Allowed values',
    key: 'Primary key',
    refs: 'Refers to',
    privacyTitle: 'Privacy',
    privacy: [
      'No names and no free text: titles, subjects, descriptions, notes, agencies, case references, people and officers never enter the dataset, whatever the level of detail of the logbook. Only codes, counts, months and pseudonymous ids do.',
      'Pseudonyms: every record id is replaced by the first 20 hexadecimal digits of HMAC-SHA-256 under a random 256-bit dataset key kept in this installation’s encrypted database (message: the kind of record, a zero byte, the record id). The same record has the same pseudonym in every dataset this installation makes, so datasets of different periods can be joined; another installation has another key, so its pseudonyms differ. Without the key a pseudonym cannot be turned back into the record id.',
      'Dates: moments and dates are coarsened to the month (YYYY-MM). Response times are given as a duration in hours instead of the two moments.',
      'Posts are pseudonymous too; the country they are in is given, as an evaluation of country programmes needs it. At a post with one officer, that post’s figures are that officer’s work.',
    ],
    suppressionTitle: 'Suppression',
    suppression: (threshold: number) => [
      `In the aggregate tables (agg_*) a count from 1 to ${threshold - 1} is replaced by "c" (primary suppression; threshold ${threshold}). A zero is shown as 0.`,
      'agg_phenomenon_month holds the totals over all posts of agg_post_phenomenon_month, and agg_post_month the totals per post and month. Where a total is shown and exactly one count that adds up to it is suppressed, that count could be worked out by subtraction; so one more count is suppressed there, the smallest (secondary suppression), repeated until no shown total leaves a single suppressed count. A record with several phenomena counts under each, so the phenomena of a post do not add up exactly to agg_post_month; they are treated as if they did, to be safe.',
      `agg_effort_post_year sums the time and travel recorded per post and year: the whole row is "c" when the post had from 1 to ${threshold - 1} engagements and requests that year, and otherwise the time (timed, hours) or the travel (with_travel, travel_days, travel_cost_eur) is "c" when from 1 to ${threshold - 1} of them had it recorded. No totals of it are published.`,
      'The record tables (requests, engagements, results...) are not suppressed: they are microdata, for evaluators working under a data-sharing agreement. A package made with "aggregates only" leaves them out and may be published.',
    ],
    missing: 'Empty cell: no value (not applicable or not recorded).',
  },
  nl: {
    title: 'Codeboek: evaluatiedataset Liaison Log',
    intro:
      'Deze map is een Frictionless Tabular Data Package: datapackage.json beschrijft elk bestand en elke kolom (typen, toegestane waarden, sleutels) voor software; dit codeboek beschrijft ze voor mensen. Elke tabel is een CSV-bestand (RFC 4180: UTF-8, kommagescheiden, een kopregel, CRLF-regeleinden, datums volgens ISO 8601, "." als decimaalteken).',
    period: 'Periode',
    clock: 'Maanden zijn kalendermaanden volgens de klok van',
    made: 'Gemaakt',
    by: 'door',
    contents: 'Tabellen',
    file: 'Bestand',
    rows: 'Rijen',
    column: 'Kolom',
    type: 'Type',
    required: 'Verplicht',
    yes: 'ja',
    no: 'nee',
    description: 'Omschrijving',
    values: 'Toegestane waarden',
    key: 'Primaire sleutel',
    refs: 'Verwijst naar',
    privacyTitle: 'Privacy',
    privacy: [
      'Geen namen en geen vrije tekst: titels, onderwerpen, omschrijvingen, notities, instanties, zaakkenmerken, personen en functionarissen komen nooit in de dataset, welk detailniveau het logboek ook heeft. Alleen codes, aantallen, maanden en pseudoniemen.',
      'Pseudoniemen: elk record-id is vervangen door de eerste 20 hexadecimale cijfers van HMAC-SHA-256 met een willekeurige datasetsleutel van 256 bits die in de versleutelde database van deze installatie staat (bericht: de soort record, een nulbyte, het record-id). Hetzelfde record heeft in elke dataset van deze installatie hetzelfde pseudoniem, zodat datasets van verschillende perioden te koppelen zijn; een andere installatie heeft een andere sleutel en dus andere pseudoniemen. Zonder de sleutel is een pseudoniem niet terug te voeren op het record-id.',
      'Datums: tijdstippen en datums zijn afgerond op de maand (JJJJ-MM). Reactietijden staan als duur in uren, niet als twee tijdstippen.',
      'Ook posten zijn pseudoniem; het land waar ze gevestigd zijn staat erbij, omdat een evaluatie van landenprogramma’s dat nodig heeft. Bij een post met één functionaris zijn de cijfers van die post het werk van die functionaris.',
    ],
    suppressionTitle: 'Onderdrukking',
    suppression: (threshold: number) => [
      `In de aggregaattabellen (agg_*) is een aantal van 1 tot en met ${threshold - 1} vervangen door "c" (primaire onderdrukking; drempel ${threshold}). Nul staat er als 0.`,
      'agg_phenomenon_month bevat de totalen over alle posten van agg_post_phenomenon_month, en agg_post_month de totalen per post en maand. Waar een totaal getoond wordt en precies één aantal dat erin optelt onderdrukt is, zou dat aantal door aftrekken te achterhalen zijn; daarom wordt daar nog een aantal onderdrukt, het kleinste (secundaire onderdrukking), herhaald tot geen getoond totaal nog één onderdrukt aantal heeft. Een record met meer fenomenen telt onder elk daarvan, dus de fenomenen van een post tellen niet precies op tot agg_post_month; voor de zekerheid worden ze behandeld alsof dat wel zo is.',
      `agg_effort_post_year telt de vastgelegde tijd en reizen op per post en jaar: de hele rij is "c" als de post dat jaar 1 tot en met ${threshold - 1} contacten en verzoeken had, en anders is de tijd (timed, hours) of de reis (with_travel, travel_days, travel_cost_eur) "c" als 1 tot en met ${threshold - 1} daarvan die vastgelegd hadden. Totalen ervan worden niet gepubliceerd.`,
      'De recordtabellen (requests, engagements, results...) zijn niet onderdrukt: het zijn microdata, voor evaluatoren die onder een gegevensdelingsovereenkomst werken. Een pakket gemaakt met "alleen aggregaten" laat ze weg en mag gepubliceerd worden.',
    ],
    missing: 'Lege cel: geen waarde (niet van toepassing of niet vastgelegd).',
  },
} as const;

/** Markdown table cells: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The codebook in one language, from the same definitions as datapackage.json. */
export function codebook(lang: Lang, meta: DatasetMeta, written: readonly WrittenTable[]): string {
  const w = WORDS[lang];
  const present = new Set(written.map((x) => x.table.name));
  const out: string[] = [];
  out.push(`# ${w.title}`, '', w.intro, '');
  out.push(`- ${w.period}: ${meta.from} – ${meta.to}`);
  out.push(`- ${w.clock} ${meta.timeZone}`);
  out.push(`- ${w.made}: ${meta.createdAt} ${w.by} Liaison Log ${meta.appVersion} (${meta.role})`, '');
  out.push(`## ${w.privacyTitle}`, '', ...w.privacy.flatMap((p) => [p, '']));
  out.push(`## ${w.suppressionTitle}`, '', ...w.suppression(meta.threshold).flatMap((p) => [p, '']));
  out.push(`## ${w.contents}`, '', `| ${w.file} | ${w.rows} | ${w.description} |`, '| --- | ---: | --- |');
  for (const x of written) out.push(`| ${x.table.name}.csv | ${x.rows} | ${cell(x.table.title[lang])} |`);
  out.push('');
  for (const x of written) {
    const t = x.table;
    out.push(`## ${t.name}.csv: ${t.title[lang]}`, '', t.description[lang], '');
    out.push(`${w.key}: ${t.primaryKey.join(', ')}`, '');
    const refs = (t.foreignKeys ?? []).filter((k) => present.has(k.table));
    if (refs.length > 0) {
      out.push(
        `${w.refs}: ${refs.map((k) => `${k.fields.join(', ')} → ${k.table}.${k.columns.join(', ')}`).join('; ')}`,
        '',
      );
    }
    out.push(
      `| ${w.column} | ${w.type} | ${w.required} | ${w.description} | ${w.values} |`,
      '| --- | --- | --- | --- | --- |',
    );
    for (const c of t.columns) {
      const required = c.required || t.primaryKey.includes(c.name) ? w.yes : w.no;
      const values = c.enum && c.enum.length > 0 ? c.enum.join(', ') : c.pattern ? `\`${c.pattern}\`` : '';
      const privacy = c.privacy ? ` ${c.privacy[lang]}` : '';
      out.push(`| ${c.name} | ${c.type} | ${required} | ${cell(c.description[lang] + privacy)} | ${cell(values)} |`);
    }
    out.push('');
  }
  out.push(w.missing, '');
  return out.join('\n');
}
