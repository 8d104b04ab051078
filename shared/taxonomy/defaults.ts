import type { Term } from './terms';

// Default phenomena: the EU policy cycle (EMPACT) priorities 2026–2029 (Council conclusions, June 2025),
// grouped, plus the phenomena the Dutch approach names (cybercrime, migration crime, cocaine, money
// laundering: present here as groups or terms). Money laundering and document fraud are cross-cutting.
// ICCS codes are left empty on purpose: they are to be verified against UNODC's classification first.

type Seed = [code: string, en: string, nl: string, parent?: string];

const phenomena: Seed[] = [
  ['hrcn', 'Most threatening criminal networks and individuals', 'Meest bedreigende criminele netwerken en personen'],
  ['hvt', 'High value targets', 'High value targets', 'hrcn'],
  ['online_crime', 'Online crime (cybercrime)', 'Online criminaliteit (cybercrime)'],
  ['cyber_attacks', 'Cyber-attacks', 'Cyberaanvallen', 'online_crime'],
  ['online_cse', 'Online child sexual exploitation', 'Online seksuele uitbuiting van kinderen', 'online_crime'],
  ['online_fraud', 'Online fraud', 'Online fraude', 'online_crime'],
  ['drugs', 'Drugs', 'Drugs'],
  ['cannabis', 'Cannabis', 'Cannabis', 'drugs'],
  ['cocaine', 'Cocaine', 'Cocaïne', 'drugs'],
  ['heroin', 'Heroin', 'Heroïne', 'drugs'],
  ['synthetic_drugs', 'Synthetic drugs', 'Synthetische drugs', 'drugs'],
  ['nps', 'New psychoactive substances', 'Nieuwe psychoactieve stoffen', 'drugs'],
  ['migration_crime', 'Migration crime', 'Migratiecriminaliteit'],
  ['migrant_smuggling', 'Migrant smuggling', 'Mensensmokkel', 'migration_crime'],
  ['thb', 'Trafficking in human beings', 'Mensenhandel', 'migration_crime'],
  ['firearms', 'Firearms and explosives', 'Vuurwapens en explosieven'],
  ['environmental_crime', 'Environmental crime', 'Milieucriminaliteit'],
  ['economic_financial', 'Economic and financial crime', 'Economische en financiële criminaliteit'],
  ['vat_fraud', 'VAT fraud', 'Btw-fraude', 'economic_financial'],
  ['ip_crime', 'Intellectual property crime', 'Intellectuele-eigendomscriminaliteit', 'economic_financial'],
  ['money_laundering', 'Money laundering', 'Witwassen'],
  ['document_fraud', 'Document fraud', 'Documentfraude'],
  ['terrorism', 'Terrorism', 'Terrorisme'],
  ['other', 'Other', 'Overig'],
];

const organisationTypes: Seed[] = [
  ['police', 'Police', 'Politie'],
  ['customs', 'Customs', 'Douane'],
  ['prosecution', 'Prosecution', 'Openbaar ministerie'],
  ['ministry', 'Ministry', 'Ministerie'],
  ['intelligence', 'Intelligence service', 'Inlichtingendienst'],
  ['europol', 'Europol', 'Europol'],
  ['interpol_ncb', 'Interpol NCB', 'Interpol NCB'],
  ['foreign_lo', 'Foreign liaison officer', 'Buitenlandse liaison officer'],
  ['other', 'Other', 'Overig'],
];

function terms(taxonomy: Term['taxonomy'], seeds: Seed[]): Term[] {
  return seeds.map(([code, labelEn, labelNl, parentCode]) => ({
    taxonomy,
    code,
    labelEn,
    labelNl,
    parentCode: parentCode ?? null,
    iccs: '',
    retiredAt: null,
  }));
}

export const DEFAULT_TERMS: readonly Term[] = [
  ...terms('phenomenon', phenomena),
  ...terms('organisation_type', organisationTypes),
];
