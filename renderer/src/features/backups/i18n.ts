import type { Dutch } from '../../i18n/catalogue';

// The `backups` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  title: 'Backups',
  intro:
    'Liaison Log keeps encrypted copies of the data in the backups folder of the data folder. A backup opens only with this installation’s key, which your passphrase protects.',
  folder: 'Backups folder',
  lastAutomatic: 'Last automatic backup',
  never: 'None yet',
  warning: 'The last automatic backup failed: {{message}}',
  backUpNow: 'Back up now',
  backingUp: 'Backing up…',
  cancelBackup: 'Cancel the backup',
  backupCancelled: 'The backup was cancelled. No backup was kept.',
  labelField: 'Note for the backup (optional)',
  labelHint: 'For example “before the move”. It becomes part of the file name.',
  made: 'Backup made: {{file}}',
  list: {
    caption: 'Backups, newest first',
    date: 'Made',
    kind: 'Kind',
    size: 'Size',
    actions: 'Actions',
    auto: 'Automatic',
    manual: 'Manual',
    salvaged: 'Saved from damage',
    notEncrypted: 'not encrypted',
    empty: 'There are no backups yet.',
    save: 'Save a copy',
    restore: 'Restore',
  },
  saved:
    'Saved to {{path}}, with the key files key.age, key.recovery.age and vault.json. Keep them together: the backup opens only with them and your passphrase.',
  restoreFile: {
    title: 'Restore from a saved copy',
    hint: 'Choose a backup file (.db) saved elsewhere, for example on a USB stick. You confirm first, then choose the file.',
    when: 'the day the file you choose next was made',
    submit: 'Choose a backup file and restore…',
  },
  confirm: {
    title: 'Restore this backup?',
    text: 'The data will be as it was on {{date}}. Everything recorded after that is not in this backup.',
    kept: 'The current data is not deleted: it is kept in the data folder as liaison-log.before-restore-<date>.db.',
    submit: 'Restore',
    cancel: 'Cancel',
    working: 'Restoring…',
  },
  restored: 'Restored from {{from}}. The data it replaced is kept as {{kept}}.',
  restoredNothingKept: 'Restored from {{from}}.',
  automatic: {
    title: 'Automatic backups',
    interval: 'Hours between automatic backups',
    intervalHint:
      'A backup is made when Liaison Log is unlocked, and every hour it stays unlocked, once this many hours have passed.',
    keep: 'Automatic backups to keep',
    keepHint: 'Older automatic backups are removed. Manual backups are always kept.',
    save: 'Save',
    saved: 'Saved',
  },
  damaged: {
    title: 'The data needs to be recovered',
    intro:
      'Your passphrase was right, but the database on this laptop is damaged. Nothing has been deleted. Restore a backup, or save what can still be read.',
    details: 'What the check found',
    backups: 'Restore a backup',
    noBackups: 'There are no backups in the backups folder.',
    salvage: 'Save what is readable',
    salvageIntro:
      'Copies every record that can still be read into a new, encrypted file in the backups folder. Restore it afterwards from the list above.',
    salvaging: 'Saving…',
    salvaged:
      'Saved {{recovered}} rows into {{file}}; {{lost}} could not be read. Restore it from the list to continue with it.',
    lock: 'Lock',
  },
};

export const nl: Dutch<typeof en> = {
  title: 'Back-ups',
  intro:
    'Liaison Log bewaart versleutelde kopieën van de gegevens in de map backups van de gegevensmap. Een back-up opent alleen met de sleutel van deze installatie, die uw wachtwoordzin beschermt.',
  folder: 'Map met back-ups',
  lastAutomatic: 'Laatste automatische back-up',
  never: 'Nog geen',
  warning: 'De laatste automatische back-up is mislukt: {{message}}',
  backUpNow: 'Nu back-up maken',
  backingUp: 'Back-up maken…',
  cancelBackup: 'Back-up annuleren',
  backupCancelled: 'De back-up is geannuleerd. Er is geen back-up bewaard.',
  labelField: 'Notitie bij de back-up (optioneel)',
  labelHint: 'Bijvoorbeeld „voor de verhuizing”. Die komt in de bestandsnaam.',
  made: 'Back-up gemaakt: {{file}}',
  list: {
    caption: 'Back-ups, nieuwste eerst',
    date: 'Gemaakt',
    kind: 'Soort',
    size: 'Grootte',
    actions: 'Acties',
    auto: 'Automatisch',
    manual: 'Handmatig',
    salvaged: 'Gered uit schade',
    notEncrypted: 'niet versleuteld',
    empty: 'Er zijn nog geen back-ups.',
    save: 'Kopie opslaan',
    restore: 'Terugzetten',
  },
  saved:
    'Opgeslagen in {{path}}, met de sleutelbestanden key.age, key.recovery.age en vault.json. Bewaar ze samen: de back-up opent alleen daarmee en met uw wachtwoordzin.',
  restoreFile: {
    title: 'Terugzetten vanaf een opgeslagen kopie',
    hint: 'Kies een back-upbestand (.db) dat elders is opgeslagen, bijvoorbeeld op een USB-stick. U bevestigt eerst en kiest daarna het bestand.',
    when: 'de dag waarop het bestand dat u hierna kiest is gemaakt',
    submit: 'Een back-upbestand kiezen en terugzetten…',
  },
  confirm: {
    title: 'Deze back-up terugzetten?',
    text: 'De gegevens worden zoals ze waren op {{date}}. Alles wat daarna is vastgelegd, staat niet in deze back-up.',
    kept: 'De huidige gegevens worden niet verwijderd: ze blijven in de gegevensmap als liaison-log.before-restore-<datum>.db.',
    submit: 'Terugzetten',
    cancel: 'Annuleren',
    working: 'Terugzetten…',
  },
  restored: 'Teruggezet vanaf {{from}}. De vervangen gegevens zijn bewaard als {{kept}}.',
  restoredNothingKept: 'Teruggezet vanaf {{from}}.',
  automatic: {
    title: 'Automatische back-ups',
    interval: 'Uren tussen automatische back-ups',
    intervalHint:
      'Er wordt een back-up gemaakt bij het ontgrendelen en elk uur dat Liaison Log ontgrendeld blijft, zodra zoveel uren voorbij zijn.',
    keep: 'Aantal automatische back-ups bewaren',
    keepHint: 'Oudere automatische back-ups worden verwijderd. Handmatige back-ups blijven altijd bewaard.',
    save: 'Opslaan',
    saved: 'Opgeslagen',
  },
  damaged: {
    title: 'De gegevens moeten worden hersteld',
    intro:
      'Uw wachtwoordzin klopt, maar de database op deze laptop is beschadigd. Er is niets verwijderd. Zet een back-up terug, of bewaar wat nog leesbaar is.',
    details: 'Wat de controle vond',
    backups: 'Een back-up terugzetten',
    noBackups: 'Er zijn geen back-ups in de map backups.',
    salvage: 'Bewaar wat leesbaar is',
    salvageIntro:
      'Kopieert alle gegevens die nog te lezen zijn naar een nieuw, versleuteld bestand in de map backups. Zet het daarna terug vanuit de lijst hierboven.',
    salvaging: 'Bezig met bewaren…',
    salvaged:
      '{{recovered}} rijen bewaard in {{file}}; {{lost}} waren niet te lezen. Zet het terug vanuit de lijst om ermee verder te gaan.',
    lock: 'Vergrendelen',
  },
};
