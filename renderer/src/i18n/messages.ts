import { MESSAGES, type MessageCode, type MessageRef } from '../../../shared/contract/messages';

// The backend's messages (shared/contract/messages.ts) as the `messages` namespace: English from that file, Dutch
// here, one text for every code (a code without Dutch, or a Dutch text for no code, fails the typecheck). Codes
// hold dots, which i18next reads as nesting, and one code can be the start of another ('exchange.no_hq_key' and
// 'exchange.no_hq_key.unusable'), so the catalogue keys spell the dots as slashes: a flat namespace.

/** A message code as a key of the `messages` namespace. */
export type MessageKey<C extends string = MessageCode> = C extends `${infer A}.${infer B}`
  ? `${A}/${MessageKey<B>}`
  : C;

/** The catalogue key of a message code. */
export function messageKey<C extends MessageCode>(code: C): MessageKey<C> {
  return code.replaceAll('.', '/') as MessageKey<C>;
}

function keyed(texts: Readonly<Record<MessageCode, string>>): { readonly [K in MessageKey]: string } {
  return Object.fromEntries(Object.entries(texts).map(([code, text]) => [code.replaceAll('.', '/'), text])) as {
    readonly [K in MessageKey]: string;
  };
}

/** What a message says, by code, in Dutch. Placeholders as in English (same names; tests/unit/i18n). */
export const NL_MESSAGES: Readonly<Record<MessageCode, string>> = {
  // Importeren: het korte label van elke reden van afwijzing.
  'import.reason.not_a_bundle': 'Geen export van Liaison Log',
  'import.reason.truncated': 'Onvolledig: het bestand is afgekapt',
  'import.reason.tampered': 'Na ondertekening gewijzigd of beschadigd',
  'import.reason.not_addressed_to_us': 'Niet voor dit hoofdkantoor versleuteld',
  'import.reason.unknown_post': 'Van een post of sleutel die niet is aangemeld',
  'import.reason.version_too_new': 'Gemaakt met een nieuwere versie van Liaison Log',
  'import.reason.invalid_record': 'Bevat een ongeldig record',
  'import.reason.too_large': 'Te groot',
  'import.reason.unreadable': 'Kon niet worden gelezen',
  'import.reason.period_reversed': 'De periode eindigt voor het begin',
  'import.reason.counts_mismatch': 'De aantallen kloppen niet met de records',
  'import.reason.created_in_future': 'Gedateerd in de toekomst',
  'import.reason.cancelled': 'Niet geïmporteerd: geannuleerd',

  // Importeren: wat er met één bestand gebeurde.
  'import.imported': 'Geïmporteerd.',
  'import.already_imported': 'Al eerder geïmporteerd: er is niets veranderd.',
  'import.dry_run_ok': 'Gecontroleerd: zou worden geïmporteerd (proefrun, er is niets veranderd).',
  'import.cancelled_before':
    'Niet geïmporteerd: de import werd vóór dit bestand geannuleerd. De bestanden ervoor zijn geïmporteerd, elk in zijn geheel.',
  'import.unreadable': 'Het bestand kon niet worden gelezen ({{error}}).',
  // Importverslag: de totalen van de run; bestanden die een annulering ongelezen liet, zijn niet geweigerd.
  'import.totals':
    'Bestanden: {{imported}} geïmporteerd, {{already}} al eerder geïmporteerd, {{rejected}} geweigerd, {{notReached}} niet bereikt.',
  'import.too_large.file': 'Het bestand is {{size}} bytes; een bundel is hoogstens {{limit}} bytes.',
  'import.too_large.records': 'De bundel bevat {{count}} records; de grens is {{limit}}.',
  'import.truncated.first_line': 'Het bestand houdt op in de eerste regel: het is afgebroken.',
  'import.truncated.header': 'Het bestand houdt op in de versleutelingskop: het is afgebroken.',
  'import.truncated.content': 'Het bestand houdt op voor de versleutelde inhoud: het is afgebroken.',
  'import.not_a_bundle.not_age': 'Dit is geen Liaison Log-bundel (geen met age versleuteld bestand).',
  'import.not_a_bundle.not_json': 'De ontsleutelde inhoud is geen Liaison Log-bundel (geen JSON).',
  'import.not_a_bundle.wrong_format': 'De ontsleutelde inhoud is geen Liaison Log-bundel.',
  'import.not_a_bundle.envelope': 'De envelop van de bundel is misvormd.',
  'import.not_a_bundle.payload_not_json': 'De ondertekende inhoud is geen JSON.',
  'import.not_a_bundle.manifest_invalid': 'Het manifest is ongeldig bij {{at}}: {{problem}}',
  'import.not_a_bundle.aggregates_invalid': 'De totalen zijn ongeldig bij {{at}}: {{problem}}',
  'import.not_a_bundle.time_zone':
    'Het manifest is ongeldig bij manifest.timeZone: {{timeZone}} is geen bekende tijdzone.',
  'import.not_a_bundle.proto': 'Het manifest is ongeldig bij {{at}}: een sleutel met de naam "__proto__".',
  'import.tampered.header_end': 'De versleutelingskop is gewijzigd: de afsluitende regel "---" is beschadigd.',
  'import.tampered.header_mac': 'De versleutelingskop is gewijzigd (MAC-controle mislukt).',
  'import.tampered.header_invalid': 'De versleutelingskop is gewijzigd: het is geen geldige age-kop.',
  'import.tampered.content_mac':
    'De versleutelde inhoud is niet echt: het bestand is afgebroken of gewijzigd (MAC-controle mislukt).',
  'import.tampered.signature': 'De handtekening past niet bij de inhoud: de bundel is na het ondertekenen gewijzigd.',
  'import.tampered.signer_mismatch': 'Het manifest noemt een andere ondertekenaar dan de handtekening.',
  'import.tampered.export_reused':
    'Export {{exportId}} is al eerder geïmporteerd met een andere ondertekeningssleutel.',
  'import.tampered.sequence_reused':
    'Een andere bundel ({{exportId}}) heeft voor deze sleutel al volgnummer {{sequence}}.',
  'import.not_addressed_to_us.keys':
    'Geen van de sleutels van dit hoofdkantoor opent het bestand: het is voor andere sleutels versleuteld, of de kop is gewijzigd.',
  'import.not_addressed_to_us.recipients':
    'De post heeft deze bundel voor andere sleutels van het hoofdkantoor ondertekend; iemand anders heeft hem opnieuw voor dit hoofdkantoor versleuteld.',
  'import.unknown_post.unknown_key': 'De bundel is ondertekend met sleutel {{keyId}}, die geen aangemelde post heeft.',
  'import.unknown_post.revoked_key': 'De bundel is ondertekend met sleutel {{keyId}}, die is ingetrokken.',
  'import.unknown_post.post_mismatch':
    'Sleutel {{keyId}} is aangemeld voor post {{enrolledPost}}, niet {{claimedPost}}.',
  'import.version_too_new.envelope':
    'De bundel heeft formaatversie {{version}}; deze versie van Liaison Log leest tot en met {{supported}}. Werk Liaison Log bij op het hoofdkantoor.',
  'import.version_too_new.manifest':
    'Het manifest van de bundel heeft formaatversie {{version}}; deze versie van Liaison Log leest tot en met {{supported}}. Werk Liaison Log bij op het hoofdkantoor.',
  'import.invalid_record.schema': 'Record {{record}} is ongeldig: {{problem}} (bij {{at}}).',
  'import.invalid_record.aggregate_with_records': 'Een bundel met alleen totalen bevat records.',
  'import.invalid_record.beyond_level':
    'Record {{record}} ({{kind}} {{id}}) bevat {{fields}}, die een export op niveau {{level}} weglaat.',
  'import.invalid_record.whole_record_beyond_level':
    'Record {{record}} ({{kind}} {{id}}) is een soort record die een export op niveau {{level}} weglaat.',
  'import.invalid_record.fields': 'Record {{record}} ({{kind}} {{id}}) is ongeldig: {{problem}} (bij {{at}}).',
  'import.invalid_record.overwrite':
    'Record {{record}} ({{id}}) zou een record overschrijven dat niet van deze post is.',
  'import.invalid_record.proto':
    'Record {{record}} is ongeldig: het bevat een sleutel met de naam "__proto__" (bij {{at}}).',
  'import.period_reversed':
    'De periode van de bundel eindigt ({{to}}) voordat hij begint ({{from}}): de software van de post of het bestand is niet wat het zegt.',
  'import.counts_mismatch':
    'Het manifest telt {{claimed}} records, maar de bundel bevat er {{actual}} (verschil bij: {{kinds}}): er zijn na het tellen records toegevoegd of verwijderd.',
  'import.created_in_future':
    'Volgens de bundel is hij gemaakt op {{createdAt}}, meer dan een dag na de klok van deze computer ({{now}}): de klok van de post of het bestand klopt niet.',

  // De eigen weigeringen van de opdrachtregel.
  'cli.data_dir.missing':
    'Er is geen gegevensmap op {{dataDir}}. Controleer --data-dir (of LIAISON_LOG_DATA_DIR); voer liaison-log init uit om een nieuwe in te richten.',
  'cli.data_dir.not_a_folder':
    '{{path}} is een bestand, geen map: --data-dir moet een gegevensmap van Liaison Log noemen.',
  'cli.data_dir.unreadable': 'De gegevensmap {{dataDir}} kan niet worden geopend ({{error}}).',
  'cli.year_out_of_range': '--year moet een kalenderjaar van {{min}} tot en met {{max}} zijn; {{year}} is dat niet.',

  // De uitwisseling tussen posten en hoofdkantoor.
  'exchange.not_set_up': 'Richt deze installatie eerst in als post of als hoofdkantoor.',
  'exchange.no_signing_key': 'Deze post heeft nog geen ondertekeningssleutel.',
  'exchange.wrong_role.hq': 'Dit is een installatie van het hoofdkantoor.',
  'exchange.wrong_role.post': 'Dit is een installatie van een post.',
  'exchange.already_set_up': 'Deze installatie is al ingericht.',
  'exchange.below_minimum_level':
    "De netwerkconfiguratie van het hoofdkantoor vraagt om exports op niveau '{{minimum}}' of hoger; deze is '{{level}}'. Kies een hoger niveau.",
  'exchange.no_hq_key':
    'Importeer eerst het sleutelbestand van het hoofdkantoor: er is niemand om de export voor te versleutelen.',
  'exchange.no_hq_key.unusable':
    'Voor sleutel {{fingerprint}} van het hoofdkantoor kan niet worden versleuteld: importeer een nieuw sleutelbestand van het hoofdkantoor.',
  'exchange.invalid_file.unusable_key':
    'Sleutel "{{label}}" ({{fingerprint}}) is geen bruikbare age-sleutel: er kan niets voor worden versleuteld. Vraag het hoofdkantoor om een nieuw sleutelbestand.',
  'exchange.invalid_file.fingerprint_mismatch': 'De vingerafdruk van sleutel "{{label}}" past niet bij de sleutel.',
  'exchange.invalid_file.enrolment_key_mismatch':
    'Het sleutel-id in het aanmeldbestand past niet bij de openbare sleutel.',
  'exchange.invalid_file.hq_key_not_json': 'Dit is geen sleutelbestand van het hoofdkantoor (geen JSON).',
  'exchange.invalid_file.hq_key_damaged': 'Dit is geen sleutelbestand van het hoofdkantoor, of het is beschadigd.',
  'exchange.invalid_file.enrolment_not_json': 'Dit is geen aanmeldbestand (geen JSON).',
  'exchange.invalid_file.enrolment_damaged': 'Dit is geen aanmeldbestand, of het is beschadigd.',
  'exchange.invalid_file.hq_key_too_large':
    'Dit is geen sleutelbestand van het hoofdkantoor: {{file}} is {{size}} bytes; de grens is {{limit}}.',
  'exchange.invalid_file.enrolment_too_large':
    'Dit is geen aanmeldbestand: {{file}} is {{size}} bytes; de grens is {{limit}}.',
  'exchange.invalid_file.unreadable': '{{file}} kon niet worden gelezen ({{error}}).',

  // Bestanden gekozen in de dialoogvensters van het systeem.
  'files.no_file_chosen':
    'Er is geen bestand gekozen voor {{channel}}: Liaison Log vraagt in een eigen venster waar het moet opslaan of wat het moet openen.',
  'files.enrolment_not_open': 'Dat aanmeldbestand is hier niet meer geopend. Open het opnieuw.',
  'files.export_file_gone': 'Dat exportbestand staat niet meer in de exportmap.',
  'files.import_run_too_large':
    'De gekozen bestanden zijn samen {{total}} MB; één import neemt hoogstens {{limit}} MB. Kies minder bestanden tegelijk (of gebruik de opdrachtregel, die bestand voor bestand importeert). Er is niets geïmporteerd.',

  // Een schrijfactie die de schijf weigerde.
  'storage.disk_full': 'De schijf is vol: er is niets veranderd. Maak ruimte vrij en probeer het opnieuw.',
  'storage.file_too_large':
    'Het bestand is te groot voor de schijf waarop het zou komen (FAT-geformatteerde USB-sticks nemen hoogstens 4 GB): er is niets veranderd. Kies een andere plek.',
  'storage.read_only':
    'De schijf is alleen-lezen: er is niets veranderd. Controleer of hij niet tegen schrijven is beveiligd of alleen-lezen is gekoppeld.',
  'storage.no_permission':
    'Liaison Log mag daar niet schrijven: er is niets veranderd. Controleer de rechten van de map.',

  // De vergrendeling.
  'session.locked': 'Liaison Log is vergrendeld. Ontgrendel met uw wachtzin.',
  // Bewaartermijnen en rechten van betrokkenen (issue 13, item 5).
  'retention.case_not_found': 'Deze zaak bestaat niet: een juridische bewaarplicht geldt voor een zaak.',
  'retention.person_not_found': 'Deze persoon bestaat niet (of is al gewist).',
  'record.stale_revision':
    'Dit record is elders gewijzigd (het is nu revisie {{current}}). Laad het opnieuw en breng uw wijziging dan opnieuw aan.',
  'record.trashed': 'Dit record staat in de prullenbak. Zet het terug voordat u het wijzigt.',
  'record.imported_read_only':
    'Dit record komt van post {{postName}} ({{post}}): op het hoofdkantoor kan het alleen worden gelezen. Wijzigingen gebeuren op de post en komen met de volgende export mee.',
  'session.damaged':
    'De database in deze gegevensmap is beschadigd. Er is niets verwijderd of veranderd: zet een back-up terug, of bewaar wat nog leesbaar is.',
  'session.already_has_passphrase': 'Deze gegevensmap heeft al een wachtzin. Ontgrendel hem in plaats daarvan.',
  'session.foreign_database':
    '{{file}} is geen database van Liaison Log, of hij is versleuteld en deze map heeft geen sleutelbestand (vault.json ontbreekt). Zet de ontbrekende bestanden terug uit een back-up, of kies een andere gegevensmap. Er is niets veranderd.',
  'session.passphrase_refused': 'Kies een andere wachtzin.',
  'session.same_passphrase': 'De nieuwe wachtzin is gelijk aan de huidige.',
  'session.nothing_to_recover': 'Deze gegevensmap heeft nog geen wachtzin, dus er valt niets te herstellen.',
  'session.no_database_to_recover':
    'Er is geen database in {{dataDir}} om te herstellen. Zonder de wachtzin, een herstelcode van het hoofdkantoor of de persoonlijke herstelsleutel kan niemand de gegevens in deze map lezen, ook de ontwikkelaars niet. Wat al naar het hoofdkantoor is geëxporteerd, blijft daar.',
  'session.never_encrypted':
    'De database in deze map is nooit versleuteld (het inrichten is onderbroken), dus er valt niets te herstellen: haal vault.json en de key.*-bestanden uit de map en stel een nieuwe wachtzin in.',
  'session.no_recovery_file': 'Er is nog geen herstelbestand ({{file}}) in deze gegevensmap.',
  'session.wrong_passphrase': 'De wachtzin klopt niet ({{failedAttempts}} keer achter elkaar fout).',
  'session.try_later': 'Te vaak een verkeerde wachtzin: probeer het over {{seconds}} seconden opnieuw.',
  'session.wrong_recovery_secret': 'Die herstelcode of -sleutel opent de gegevens in deze map niet.',
  'session.key_store_unavailable':
    'Deze gegevens zijn gebonden aan de sleutelopslag van deze computer, die nu niet beschikbaar is: ontgrendel met de wachtzin op de computer waaraan ze gebonden zijn, of herstel ze.',
  'session.not_set_up': 'Deze gegevensmap heeft nog geen wachtzin.',
  'session.vault_damaged':
    'Een sleutelbestand in deze gegevensmap ontbreekt, is beschadigd of vervangen. Er is niets veranderd: zet de map terug uit een back-up.',
  'session.database_from_future':
    'Deze gegevens zijn geschreven door een nieuwere versie van Liaison Log. Er is niets veranderd: installeer de nieuwere versie.',
  'session.upgrade_failed': 'De gegevens konden niet worden bijgewerkt. Er is niets veranderd.',
  'session.not_a_database': 'Het bestand in de gegevensmap is geen database van Liaison Log. Er is niets veranderd.',
  'session.folder_not_writable': 'In de gegevensmap kan niet worden geschreven ({{error}}). Er is niets veranderd.',
  'session.check_busy':
    'Er loopt al een controle of een back-up op de achtergrond. Probeer het opnieuw als die klaar is.',

  // Back-ups, terugzetten en redden.
  'backups.damaged_no_backup':
    'De database is beschadigd, dus er kan geen back-up van worden gemaakt. Zet een back-up terug, of bewaar wat nog leesbaar is.',
  'backups.no_such_backup': 'Er is geen back-up {{fileName}} in {{dir}}.',
  'backups.no_such_folder': 'De map {{folder}} bestaat niet (meer).',
  'backups.already_saved': '{{target}} bestaat al: deze back-up is daar eerder bewaard. Kies een andere map.',
  'backups.no_such_file': 'Er is geen bestand {{file}}.',
  'backups.failed':
    'De back-up kon niet worden gemaakt. Er is niets veranderd: de database en de eerdere back-ups zijn zoals ze waren.',
  'backups.salvage_failed': 'Wat nog leesbaar is, kon niet worden bewaard. Er is niets veranderd.',
  'backups.restore.missing': 'Daar staat geen back-upbestand. Er is niets veranderd.',
  'backups.restore.unreadable': 'De back-up kan niet worden gelezen. Er is niets veranderd.',
  'backups.restore.not_ours':
    'De back-up hoort niet bij deze gegevensmap (een andere sleutel, of geen back-up van Liaison Log). Er is niets veranderd.',
  'backups.restore.from_future':
    'De back-up is gemaakt door een nieuwere versie van Liaison Log. Er is niets veranderd.',
  'backups.restore.damaged': 'De back-up is beschadigd. Er is niets veranderd.',
  'backups.restore.database_open':
    'De database is in gebruik door een ander programma. Er is niets veranderd: sluit dat en probeer het opnieuw.',
  'backups.restore.storage': 'De schijf weigerde het terugzetten. Er is niets veranderd.',
  'backups.restore.failed': 'Het terugzetten is mislukt. Er is niets veranderd.',
  'cli.no_passphrase_yet':
    '{{dataDir}} heeft nog geen wachtzin, dus er zijn geen gegevens om te back-uppen, te controleren of in terug te zetten.',

  // Een bestand schrijven dat de gebruiker noemde.
  'file.write.not_a_folder':
    '{{folder}} is geen map, dus {{file}} kon daar niet worden geschreven. Er is niets geschreven.',
  'file.write.no_such_folder':
    '{{folder}} bestaat niet en kan niet worden gemaakt, dus {{file}} kon daar niet worden geschreven. Er is niets geschreven.',
  'file.write.is_a_folder': '{{target}} is een map: noem een bestand om te schrijven. Er is niets geschreven.',
  'file.write.failed': '{{file}} kon niet naar {{folder}} worden geschreven ({{error}}). Er is niets geschreven.',
  // Intrekking, buitengebruikstelling van HK-sleutels en overdracht (issue 13, punten 3 en 6).
  'import.reason.revoked': 'Ondertekend met een ingetrokken sleutel',
  'import.revoked.key':
    'De bundel is ondertekend met sleutel {{keyId}}, die het hoofdkantoor op {{revokedAt}} heeft ingetrokken ({{reason}}). Bundels met een ingetrokken sleutel worden geweigerd, welke datum ze ook dragen: een gestolen laptop kan die vervalsen.',
  'exchange.enrol.revoked_key':
    'Sleutel {{keyId}} van post {{postId}} is op {{revokedAt}} ingetrokken ({{reason}}). Opnieuw aanmelden heft dat niet op: herstel de sleutel uitdrukkelijk, met een reden.',
  'exchange.revoke.unknown_key': 'Er is geen postsleutel {{keyId}} aangemeld bij dit hoofdkantoor.',
  'exchange.revoke.already_revoked': 'Sleutel {{keyId}} is al ingetrokken (sinds {{revokedAt}}).',
  'exchange.reinstate.not_revoked': 'Sleutel {{keyId}} is niet ingetrokken: er is niets te herstellen.',
  'exchange.retire_hq.unknown_key': 'Het hoofdkantoor heeft geen sleutel {{fingerprint}}.',
  'exchange.retire_hq.already_retired': 'HK-sleutel {{fingerprint}} is al buiten gebruik (sinds {{retiredAt}}).',
  'exchange.retire_hq.last_key':
    'HK-sleutel {{fingerprint}} is de laatste die in gebruik is: voeg eerst een andere sleutel toe, anders kunnen posts niet meer naar het hoofdkantoor versleutelen.',
  'handover.successor_not_json': 'Dit is geen opvolgersbestand (geen JSON).',
  'handover.successor_damaged': 'Dit is geen opvolgersbestand, of het is beschadigd.',
  'handover.successor_too_large': 'Dit is geen opvolgersbestand: {{file}} is {{size}} bytes; de grens is {{limit}}.',
  'handover.successor_key_mismatch': 'De vingerafdrukken in het opvolgersbestand passen niet bij de sleutels erin.',
  'handover.successor_other_post':
    'Dit opvolgersbestand is voor post {{filePost}}; deze installatie is post {{ownPost}}. Een overdracht blijft binnen één post.',
  'handover.successor_is_self': 'Dit opvolgersbestand is van deze installatie zelf: open het bestand van de opvolger.',
  'handover.successor_not_open': 'Dat opvolgersbestand is hier niet meer geopend. Open het opnieuw.',
  'handover.package_not_open': 'Dat overdrachtspakket is hier niet meer geopend. Open het opnieuw.',
  'handover.unreadable': '{{file}} kon niet worden gelezen ({{error}}).',
  'handover.too_large':
    'Het bestand is {{size}} bytes; overdrachtspakketten zijn hooguit {{limit}} bytes. Er is niets geïmporteerd.',
  'handover.not_a_package': 'Dit is geen overdrachtspakket van Liaison Log. Er is niets geïmporteerd.',
  'handover.no_receiving_key':
    'Deze installatie heeft nog geen opvolgersbestand gemaakt, dus er kan geen overdrachtspakket voor zijn. Maak eerst het opvolgersbestand.',
  'handover.not_for_us':
    'Dit overdrachtspakket is niet voor deze installatie versleuteld (het is voor een ander opvolgersbestand gemaakt). Er is niets geïmporteerd.',
  'handover.tampered': 'Het overdrachtspakket is na het maken gewijzigd of beschadigd. Er is niets geïmporteerd.',
  'handover.version_too_new':
    'Het overdrachtspakket is gemaakt door een nieuwere versie van Liaison Log (formaat {{version}}; deze leest {{supported}}). Er is niets geïmporteerd.',
  'handover.other_successor':
    'Dit overdrachtspakket is gemaakt voor een andere opvolger (sleutel {{keyId}}) en opnieuw naar deze versleuteld. Er is niets geïmporteerd.',
  'handover.other_post':
    'Dit overdrachtspakket is voor post {{packagePost}}; deze installatie is post {{ownPost}}. Er is niets geïmporteerd.',
  'handover.fingerprint_mismatch':
    'Het pakket is ondertekend met sleutel {{actual}}, niet met {{expected}} zoals de vertrekkende officier zei. Er is niets geïmporteerd: bel de vertrekkende officier.',
  'handover.already_imported': 'Dit overdrachtspakket is al geïmporteerd (op {{at}}). Er is niets veranderd.',
  'handover.invalid_record':
    'Record {{record}} van het pakket ({{kind}} {{id}}) is ongeldig: {{problem}}. Er is niets geïmporteerd.',
  'handover.wrong_role': 'Overdrachten gaan tussen postinstallaties: dit is geen post.',
  // De netwerkconfiguratie van het hoofdkantoor (issue 13, punt 4).
  'config.too_large':
    'Het bestand is {{size}} bytes; netwerkconfiguraties zijn maximaal {{limit}} bytes. Er is niets veranderd.',
  'config.not_a_config': 'Dit is geen netwerkconfiguratie van Liaison Log. Er is niets veranderd.',
  'config.truncated':
    'Het bestand houdt te vroeg op: het is afgekapt. Vraag het hoofdkantoor het bestand opnieuw. Er is niets veranderd.',
  'config.invalid': 'De configuratie is ongeldig bij {{at}}: {{problem}} Er is niets veranderd.',
  'config.unknown_field':
    'De configuratie bevat een veld dat deze versie niet kent ({{field}} in {{at}}): het is gewijzigd, of gemaakt door een nieuwere versie van Liaison Log. Er is niets veranderd.',
  'config.version_too_new':
    'De configuratie is gemaakt door een nieuwere versie van Liaison Log (formaat {{found}}; deze versie leest {{supported}}). Werk Liaison Log bij. Er is niets veranderd.',
  'config.no_signing_key':
    'Deze post vertrouwt nog geen ondertekeningssleutel van het hoofdkantoor: importeer eerst het actuele sleutelbestand van het hoofdkantoor en vergelijk de vingerafdrukken telefonisch. Er is niets veranderd.',
  'config.foreign_signer':
    'De configuratie is ondertekend met sleutel {{keyId}}, niet met de ondertekeningssleutel van het hoofdkantoor die deze post vertrouwt ({{trusted}}): ze komt van een ander hoofdkantoor, of van een sleutel die deze post niet aangekondigd heeft gezien. Er is niets veranderd.',
  'config.tampered':
    'De handtekening past niet bij de inhoud: het bestand is gewijzigd nadat het hoofdkantoor het ondertekende. Er is niets veranderd.',
  'config.rotation_unsigned':
    'De configuratie kondigt een nieuwe ondertekeningssleutel aan ({{keyId}}) zonder de handtekening van die sleutel zelf. Er is niets veranderd.',
  'config.bad_signing_key':
    'De ondertekeningssleutel in de configuratie past niet bij zijn vingerafdruk. Er is niets veranderd.',
  'config.rollback':
    'Dit is configuratieversie {{version}}; deze post heeft versie {{current}} al toegepast. Een oudere configuratie wordt nooit opnieuw toegepast. Er is niets veranderd.',
  'config.already_applied': 'Configuratieversie {{version}} is al toegepast. Er is niets veranderd.',
  'config.expired':
    'Deze configuratie is verlopen op {{expiresAt}}: vraag het hoofdkantoor de actuele. Er is niets veranderd.',
  'config.inconsistent': 'De configuratie spreekt zichzelf tegen: {{problem}} Er is niets veranderd.',
  'config.unusable_key':
    'Sleutel {{label}} ({{fingerprint}}) van het hoofdkantoor in de configuratie is niet bruikbaar om te versleutelen, of de vingerafdruk klopt niet. Er is niets veranderd.',
  'config.wrong_role.hq': 'Het hoofdkantoor publiceert de netwerkconfiguratie; het importeert er geen.',
  'config.wrong_role.post': 'Alleen het hoofdkantoor publiceert de netwerkconfiguratie.',
  'config.not_set_up': 'Stel deze installatie eerst in als hoofdkantoor of als post.',
  'config.applied': 'Configuratieversie {{version}} toegepast.',
  'config.dry_run': 'Gecontroleerd: versie {{version}} zou worden toegepast (proefrun, er is niets veranderd).',
  'config.published': 'Configuratieversie {{version}} gepubliceerd: {{file}}',
  'config.unknown_term': 'Er is geen term “{{code}}” van het hoofdkantoor.',
  'config.not_local':
    'Term “{{code}}” is van het hoofdkantoor: alleen eigen termen van de post verwijzen naar codes van het hoofdkantoor.',
  'config.hq_term':
    'Term “{{code}}” wordt beheerd door de netwerkconfiguratie van het hoofdkantoor: het hoofdkantoor wijzigt hem.',
  'config.draft_invalid': 'Het concept is ongeldig bij {{at}}: {{problem}}',
  // "Kopie opslaan als…" van een gepubliceerde netwerkconfiguratie (issue 14, restpunten).
  'config.copy.unknown_version': 'Er is geen gepubliceerde configuratieversie {{version}}. Er is niets opgeslagen.',
  'config.copy.nothing_published': 'Er is nog geen configuratie gepubliceerd. Er is niets opgeslagen.',
  'config.copy.file_gone':
    'Het gepubliceerde bestand van versie {{version}} staat niet meer op {{file}}. Publiceer in plaats daarvan een nieuwe versie. Er is niets opgeslagen.',
  'config.copy.file_changed':
    'Het gepubliceerde bestand van versie {{version}} op {{file}} is na het publiceren gewijzigd. Publiceer in plaats daarvan een nieuwe versie. Er is niets opgeslagen.',
  // Spreadsheetimport (issue 14, punt 5): het bestand, de koppeling, de problemen per rij, de imports.
  'sheet_import.file.too_large':
    '{{file}} is {{size}} MB; een spreadsheetimport neemt bestanden tot {{limit}} MB. Splits het bestand (bijvoorbeeld per jaar). Er is niets geïmporteerd.',
  'sheet_import.file.empty': '{{file}} is leeg. Er is niets geïmporteerd.',
  'sheet_import.file.unreadable': '{{file}} kon niet worden gelezen ({{error}}). Er is niets geïmporteerd.',
  'sheet_import.file.old_xls':
    '{{file}} is een oude Excel 97–2003-werkmap (.xls). Open hem in Excel en sla hem op als .xlsx of .csv, en importeer dat bestand. Er is niets geïmporteerd.',
  'sheet_import.file.not_a_sheet':
    '{{file}} is geen CSV-bestand en geen Excel-werkmap (.xlsx). Er is niets geïmporteerd.',
  'sheet_import.file.encoding':
    '{{file}} is geen tekst in een bekende codering (UTF-8, UTF-16 met bytevolgordemarkering, of Windows-1252): het is misschien UTF-16 zonder markering, of geen tekstbestand. Sla het in Excel op als “CSV UTF-8”. Er is niets geïmporteerd.',
  'sheet_import.file.zip_bomb':
    '{{file}} zou uitpakken tot {{unpacked}} MB ({{entries}} delen); een werkmap mag tot hoogstens {{limit}} MB uitpakken. Het is geen gewone spreadsheet en is niet geopend. Er is niets geïmporteerd.',
  'sheet_import.file.zip_ratio':
    'Een deel van {{file}} ({{entry}}) pakt uit tot {{ratio}} keer zijn grootte: dat is een zipbom, geen spreadsheet. Het is niet geopend. Er is niets geïmporteerd.',
  'sheet_import.file.zip_lies':
    'Een deel van {{file}} ({{entry}}) pakt uit tot meer dan de werkmap zegt te bevatten: het bestand is beschadigd of gemaakt om schade te doen. Het is niet geopend. Er is niets geïmporteerd.',
  'sheet_import.file.not_xlsx': '{{file}} is geen leesbare .xlsx-werkmap ({{error}}). Er is niets geïmporteerd.',
  'sheet_import.file.too_many_rows':
    '{{file}} bevat {{count}} rijen; één import neemt hoogstens {{limit}} rijen. Splits het bestand (bijvoorbeeld per jaar). Er is niets geïmporteerd.',
  'sheet_import.file.too_many_columns':
    '{{file}} heeft {{count}} kolommen; een import neemt er hoogstens {{limit}}. Verwijder de kolommen die u niet nodig hebt. Er is niets geïmporteerd.',
  'sheet_import.file.no_rows': 'Het blad heeft geen rijen onder de kopregel. Er is niets te importeren.',
  'sheet_import.sheet.merged_cells':
    'Het blad heeft samengevoegde cellen in de tabel ({{ranges}}). Samengevoegde cellen verbergen bij welke rij een waarde hoort: maak ze in Excel los en vul elke cel, en importeer opnieuw. Er is niets geïmporteerd.',
  'sheet_import.sheet.formula_without_value':
    'Cel {{cell}} bevat een formule zonder opgeslagen uitkomst (het bestand is niet opgeslagen door een programma dat rekent). Open het in Excel, sla het op en importeer opnieuw; of vervang de formules door hun waarden. Er is niets geïmporteerd.',
  'sheet_import.sheet.no_such_sheet': 'De werkmap heeft geen blad met de naam “{{sheet}}”.',
  'sheet_import.sheet.duplicate_header':
    'Twee kolommen hebben de kop “{{header}}”. Geef elke kolom in het bestand een eigen kop en importeer opnieuw.',
  'sheet_import.notice.formulas':
    '{{count}} cellen bevatten formules: hun uitkomsten zoals laatst in het bestand opgeslagen worden geïmporteerd, niet de formules.',
  'sheet_import.notice.encoding': 'Het bestand is gelezen als {{encoding}}-tekst.',
  'sheet_import.not_open': 'Die spreadsheet is hier niet meer geopend. Open hem opnieuw.',
  'sheet_import.mapping.unknown_role': 'Kolom “{{column}}” heeft de rol “{{role}}”, die een {{target}} niet heeft.',
  'sheet_import.mapping.unknown_column': 'De koppeling noemt kolom “{{column}}”, die het blad niet heeft.',
  'sheet_import.mapping.not_json': '{{file}} is geen importconfiguratie (geen JSON).',
  'sheet_import.mapping.invalid': '{{file}} is geen geldige importconfiguratie: {{problem}} (bij {{at}}).',
  'sheet_import.batch.not_found': 'Er is geen spreadsheetimport {{batchId}}.',
  'sheet_import.batch.already_undone': 'Deze import is al ongedaan gemaakt op {{undoneAt}}.',
  'sheet_import.row.required': '{{column}}: verplicht, maar leeg.',
  'sheet_import.row.date': '{{column}}: “{{value}}” is geen datum die in de gekozen datumvolgorde te lezen is.',
  'sheet_import.row.time': '{{column}}: “{{value}}” is geen tijdstip.',
  'sheet_import.row.no_such_time': '{{column}}: {{value}} bestond niet op de klok van de post (de klok ging vooruit).',
  'sheet_import.row.country':
    '{{column}}: “{{value}}” is geen land dat Liaison Log kent. Koppel het woord aan een land.',
  'sheet_import.row.channel':
    '{{column}}: “{{value}}” is geen kanaal dat Liaison Log kent. Koppel het woord aan een kanaal.',
  'sheet_import.row.phenomenon':
    '{{column}}: “{{value}}” is geen fenomeen uit de taxonomie. Koppel het woord aan een fenomeen.',
  'sheet_import.row.choice': '{{column}}: “{{value}}” is geen van de bekende waarden. Koppel het woord aan een ervan.',
  'sheet_import.row.number': '{{column}}: “{{value}}” is geen getal.',
  'sheet_import.row.too_long': '{{column}}: langer dan {{max}} tekens.',
  'sheet_import.row.answer_before_request': '{{column}}: het antwoord kan niet vóór het verzoek komen.',
  'sheet_import.row.invalid': '{{column}}: geen geldige waarde.',
  'sheet_import.row.unknown_organisation':
    '{{column}}: geen organisatie met de naam “{{value}}” in het logboek; de naam staat in de notities.',
  // De evaluatiedataset (issue 14 punt 4): waar die niet geschreven kan worden.
  'dataset.target_not_folder': '{{folder}} is een bestand, geen map: de dataset is niet geschreven.',
  'dataset.target_not_empty':
    '{{folder}} bevat al andere bestanden: de dataset is niet geschreven. Kies een lege of nieuwe map.',
  'dataset.target_has_dataset':
    '{{folder}} bevat al een dataset: er is niets geschreven. Vervang die, of kies een andere map.',
  // Levenscyclus van de uitwisseling: tombstones, teruggezette laptops, reeksen over sleutels (issue 13, punten 1-2 en 3).
  'import.too_large.tombstones': 'De bundel bevat {{count}} tombstones; de limiet is {{limit}}.',
  'import.not_a_bundle.series_fields':
    'Het manifest noemt formaat {{version}}, wat niet past bij de velden ({{fields}}).',
  'import.invalid_record.tombstone_beyond_level':
    'Tombstone {{tombstone}} ({{kind}} {{id}}) gaat verder dan wat een export op niveau {{level}} meeneemt.',
  'import.invalid_record.tombstone_twice':
    'Record {{id}} komt twee keer voor onder de records en tombstones van de bundel.',
  'import.invalid_record.tombstone_overwrite':
    'Tombstone {{tombstone}} noemt record {{id}}, dat van een andere post is of van een andere soort.',
  'import.tampered.restore_invalid':
    'De terugzetverklaring van de bundel past niet bij het eigen manifest (volgnummer {{sequence}}, vervolg na {{continuesAfter}}).',
  'import.tampered.restore_chain':
    'De bundel zegt dat de teruggezette laptop verdergaat na export {{sequence}}, maar het hoofdkantoor heeft een andere export {{sequence}}.',
  'import.tampered.continues_other_post':
    'De bundel zegt de reeks van sleutel {{keyId}} voort te zetten, maar dat is geen andere sleutel van post {{postId}}.',
  'import.tampered.continues_chain':
    'De bundel zegt verder te gaan na export {{sequence}} van sleutel {{keyId}}, maar het hoofdkantoor heeft een andere export {{sequence}} van die sleutel.',
  'import.restored.superseded':
    'Teruggezet vanuit een back-up van {{backupOf}}; exports {{from}}–{{to}} van de eerdere reeks zijn vervangen (de records die ze brachten blijven op het hoofdkantoor).',
  'import.restored.none_superseded':
    'Teruggezet vanuit een back-up van {{backupOf}}; er is geen eerdere export vervangen.',
  'import.superseded_on_arrival':
    'Deze export hoort bij een reeks die de post heeft vervangen door een back-up van {{backupOf}} terug te zetten: hij is bewaard als vervangen, en zijn records zijn samengevoegd.',
  'import.series_continues':
    'Deze sleutel zet de reeks van de post voort na export {{sequence}} van sleutel {{keyId}}.',
  'import.tombstones':
    'De post heeft {{trashed}} records naar de prullenbak verplaatst en {{purged}} definitief verwijderd: het hoofdkantoor deed hetzelfde.',
  'import.restated': 'Gecorrigeerde cijfers voor {{count}} eerdere perioden.',
  // Inzet en kosten, jaarplannen (issue 14, punten 2 en 3).
  'workplan.not_found': 'Deze geplande activiteit staat niet in het jaarplan van deze installatie.',
  'workplan.stale': 'Deze geplande activiteit is elders gewijzigd. Laad haar opnieuw voordat u opslaat.',
  'workplan.unknown_reference': 'Het fenomeen of de partnerorganisatie bestaat niet.',
};

export const en = keyed(MESSAGES);
export const nl = keyed(NL_MESSAGES);

export type { MessageRef };
