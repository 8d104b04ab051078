import type { Dutch } from '../../i18n/catalogue';

// The `session` namespace: English is the source; Dutch must have exactly the same keys (the type enforces it).
export const en = {
  starting: 'Starting Liaison Log…',
  language: 'Language',
  showPassphrase: 'Show what I type',
  capsLock: 'Caps Lock is on.',
  /** The top bar: whose logbook this is (the installation's role, then its name when it has one). */
  brand: {
    post: 'Post logbook',
    hq: 'HQ logbook',
    postNamed: 'Post · {{name}}',
    hqNamed: 'HQ · {{name}}',
  },
  unavailable: {
    title: 'Liaison Log cannot reach its data',
    text: 'Close Liaison Log and start it again. If this keeps happening, contact HQ.',
  },
  seconds_one: '{{count}} second',
  seconds_other: '{{count}} seconds',
  minutes_one: '{{count}} minute',
  minutes_other: '{{count}} minutes',
  setup: {
    title: 'Protect the data on this laptop',
    intro:
      'Everything you record in Liaison Log is encrypted on this laptop. Choose a passphrase to open it. You will type it each time you start Liaison Log and after it locks itself.',
    plaintext:
      'This laptop already holds Liaison Log data. It will be encrypted with the new passphrase. Nothing is lost.',
    passphrase: 'Choose a passphrase',
    passphraseHint:
      'At least {{min}} characters. A few unrelated words are strong and easy to remember, for example “river lamp orange seventeen”.',
    repeat: 'Type the passphrase again',
    osBind: 'Also bind the data to this computer ({{store}})',
    osBindUnnamed: 'Also bind the data to this computer',
    osBindHint:
      'A copy of the data folder then cannot be opened on any other computer or user account, even with the passphrase.',
    submit: 'Encrypt and continue',
    working: 'Encrypting… this takes a few seconds.',
  },
  recoveryKey: {
    title: 'Your personal recovery key',
    intro: 'If the passphrase is ever forgotten, this key opens the data again. It is shown only this once.',
    label: 'Personal recovery key',
    note: 'Every 0 is a zero: the key has no letter O, I or B.',
    instruction:
      'Write it down or print it now, and keep it in the embassy safe. Do not keep it on this laptop or in the laptop bag.',
    copy: 'Copy',
    copied: 'Copied. Paste it only where it will be printed or stored safely.',
    copyFailed: 'Could not copy. The key is selected: press Ctrl+C to copy it.',
    print: 'Print',
    stored: 'I have written down or printed the recovery key and will keep it in a safe place.',
    continue: 'Continue to Liaison Log',
  },
  unlock: {
    title: 'Unlock Liaison Log',
    intro: 'The data on this laptop is locked. Enter your passphrase to open it.',
    passphrase: 'Passphrase',
    bound: 'This data opens only on this computer ({{store}}).',
    submit: 'Unlock',
    working: 'Unlocking…',
    forgot: 'Forgot your passphrase?',
    waitTitle: 'Too many wrong passphrases in a row.',
    waitText: 'For your protection, Liaison Log waits before it checks the next one.',
    countdown: 'You can try again in {{time}}.',
    waitOver: 'You can try again now.',
  },
  errors: {
    required: 'Enter your passphrase.',
    requiredSecret: 'Enter the recovery key or the recovery code.',
    wrong_passphrase_one: 'That passphrase is not correct.',
    wrong_passphrase_other: 'That passphrase is not correct. {{count}} wrong attempts in a row.',
    passphrase_too_short: 'Use at least {{min}} characters.',
    too_long: 'Use at most {{max}} characters.',
    mismatch: 'The two passphrases are not the same. Type them again.',
    same_passphrase: 'The new passphrase is the same as the current one.',
    wrong_recovery_secret:
      'This recovery key or code does not open the data on this laptop. Check it for typing mistakes.',
    key_store_unavailable: {
      title: 'This computer’s key store is not available',
      text: 'The data was bound to the computer and user account that set it up, and opens with the passphrase only there. Here, use your personal recovery key or a recovery code from HQ: choose “Forgot your passphrase?”.',
    },
    damaged: {
      title: 'A file in the data folder is missing or damaged',
      text: 'Nothing was changed. Restore the data folder from a backup, or contact HQ for help.',
    },
    other: 'Liaison Log could not open the data.',
    internal: 'Something went wrong inside Liaison Log. Close it, start it again and try once more.',
    details: 'Details: {{message}}',
  },
  forgot: {
    title: 'Forgot your passphrase?',
    intro: 'There are two ways back in. Both let you choose a new passphrase. Your data stays as it is.',
    personalTitle: 'With your personal recovery key',
    personalText:
      'The key shown once when Liaison Log was set up on this laptop. It starts with AGE-SECRET-KEY-1 and should be in the embassy safe.',
    hqTitle: 'With a recovery code from HQ',
    hqText:
      'Save the recovery file and send it to HQ. HQ opens it with its own key and gives you a recovery code of 55 letters and digits, for example by phone.',
    hqSave: 'Save recovery file for HQ',
    hqSaved: 'Saved to {{file}}. Send this file to HQ. Without HQ’s key it is of no use to anyone.',
    hqSaveFailed: 'Could not save the recovery file: {{message}}',
    noHqKey:
      'This laptop does not know an HQ key yet, so HQ cannot help. Only the personal recovery key can open the data.',
    withoutTitle: 'Without either of them',
    withoutText:
      'Without the passphrase, the recovery key or a code from HQ, nobody can read the data on this laptop: not HQ, and not the developers. What you have already exported to HQ is safe at HQ.',
    formTitle: 'Choose a new passphrase',
    secret: 'Recovery key or recovery code',
    secretHint: 'Type it exactly as written. Spaces and capitals do not matter.',
    newPassphrase: 'New passphrase',
    repeat: 'Type the new passphrase again',
    submit: 'Unlock and save the new passphrase',
    working: 'Checking…',
    back: 'Back to the passphrase',
  },
};

export const nl: Dutch<typeof en> = {
  starting: 'Liaison Log wordt gestart…',
  language: 'Taal',
  showPassphrase: 'Toon wat ik typ',
  capsLock: 'Caps Lock staat aan.',
  brand: {
    post: 'Logboek van de post',
    hq: 'Logboek van het hoofdkantoor',
    postNamed: 'Post · {{name}}',
    hqNamed: 'Hoofdkantoor · {{name}}',
  },
  unavailable: {
    title: 'Liaison Log kan zijn gegevens niet bereiken',
    text: 'Sluit Liaison Log en start het opnieuw. Gebeurt dit vaker, neem dan contact op met het hoofdkantoor.',
  },
  seconds_one: '{{count}} seconde',
  seconds_other: '{{count}} seconden',
  minutes_one: '{{count}} minuut',
  minutes_other: '{{count}} minuten',
  setup: {
    title: 'Bescherm de gegevens op deze laptop',
    intro:
      'Alles wat u in Liaison Log vastlegt, wordt op deze laptop versleuteld. Kies een wachtzin om het te openen. U typt die telkens als u Liaison Log start en nadat het zichzelf heeft vergrendeld.',
    plaintext:
      'Op deze laptop staan al gegevens van Liaison Log. Die worden met de nieuwe wachtzin versleuteld. Er gaat niets verloren.',
    passphrase: 'Kies een wachtzin',
    passphraseHint:
      'Minstens {{min}} tekens. Een paar losse woorden zijn sterk en makkelijk te onthouden, bijvoorbeeld “rivier lamp oranje zeventien”.',
    repeat: 'Typ de wachtzin nog een keer',
    osBind: 'Koppel de gegevens ook aan deze computer ({{store}})',
    osBindUnnamed: 'Koppel de gegevens ook aan deze computer',
    osBindHint:
      'Een kopie van de gegevensmap kan dan op geen enkele andere computer of gebruikersaccount worden geopend, ook niet met de wachtzin.',
    submit: 'Versleutelen en doorgaan',
    working: 'Bezig met versleutelen… dit duurt enkele seconden.',
  },
  recoveryKey: {
    title: 'Uw persoonlijke herstelsleutel',
    intro:
      'Als de wachtzin ooit vergeten is, opent deze sleutel de gegevens weer. Hij wordt alleen deze ene keer getoond.',
    label: 'Persoonlijke herstelsleutel',
    note: 'Elke 0 is een nul: de sleutel bevat geen letter O, I of B.',
    instruction:
      'Schrijf hem nu op of druk hem af, en bewaar hem in de kluis van de ambassade. Bewaar hem niet op deze laptop of in de laptoptas.',
    copy: 'Kopiëren',
    copied: 'Gekopieerd. Plak hem alleen waar hij wordt afgedrukt of veilig bewaard.',
    copyFailed: 'Kopiëren is niet gelukt. De sleutel is geselecteerd: druk op Ctrl+C om hem te kopiëren.',
    print: 'Afdrukken',
    stored: 'Ik heb de herstelsleutel opgeschreven of afgedrukt en bewaar hem op een veilige plek.',
    continue: 'Verder naar Liaison Log',
  },
  unlock: {
    title: 'Liaison Log ontgrendelen',
    intro: 'De gegevens op deze laptop zijn vergrendeld. Voer uw wachtzin in om ze te openen.',
    passphrase: 'Wachtzin',
    bound: 'Deze gegevens openen alleen op deze computer ({{store}}).',
    submit: 'Ontgrendelen',
    working: 'Bezig met ontgrendelen…',
    forgot: 'Wachtzin vergeten?',
    waitTitle: 'Te vaak achter elkaar een verkeerde wachtzin.',
    waitText: 'Ter bescherming wacht Liaison Log voordat het de volgende controleert.',
    countdown: 'U kunt het over {{time}} opnieuw proberen.',
    waitOver: 'U kunt het nu opnieuw proberen.',
  },
  errors: {
    required: 'Voer uw wachtzin in.',
    requiredSecret: 'Voer de herstelsleutel of de herstelcode in.',
    wrong_passphrase_one: 'Die wachtzin klopt niet.',
    wrong_passphrase_other: 'Die wachtzin klopt niet. Al {{count}} keer achter elkaar verkeerd.',
    passphrase_too_short: 'Gebruik minstens {{min}} tekens.',
    too_long: 'Gebruik hoogstens {{max}} tekens.',
    mismatch: 'De twee wachtzinnen zijn niet gelijk. Typ ze opnieuw.',
    same_passphrase: 'De nieuwe wachtzin is dezelfde als de huidige.',
    wrong_recovery_secret:
      'Deze herstelsleutel of -code opent de gegevens op deze laptop niet. Controleer hem op typefouten.',
    key_store_unavailable: {
      title: 'De sleutelopslag van deze computer is niet beschikbaar',
      text: 'De gegevens zijn gekoppeld aan de computer en het gebruikersaccount waarop ze zijn ingesteld, en openen alleen daar met de wachtzin. Gebruik hier uw persoonlijke herstelsleutel of een herstelcode van het hoofdkantoor: kies “Wachtzin vergeten?”.',
    },
    damaged: {
      title: 'Een bestand in de gegevensmap ontbreekt of is beschadigd',
      text: 'Er is niets gewijzigd. Zet de gegevensmap terug uit een back-up, of vraag het hoofdkantoor om hulp.',
    },
    other: 'Liaison Log kon de gegevens niet openen.',
    internal: 'Er ging iets mis in Liaison Log. Sluit het, start het opnieuw en probeer het nog eens.',
    details: 'Details: {{message}}',
  },
  forgot: {
    title: 'Wachtzin vergeten?',
    intro:
      'Er zijn twee manieren om er weer in te komen. Met beide kiest u een nieuwe wachtzin. Uw gegevens blijven zoals ze zijn.',
    personalTitle: 'Met uw persoonlijke herstelsleutel',
    personalText:
      'De sleutel die één keer werd getoond toen Liaison Log op deze laptop werd ingesteld. Hij begint met AGE-SECRET-KEY-1 en hoort in de kluis van de ambassade te liggen.',
    hqTitle: 'Met een herstelcode van het hoofdkantoor',
    hqText:
      'Sla het herstelbestand op en stuur het naar het hoofdkantoor. Het hoofdkantoor opent het met zijn eigen sleutel en geeft u een herstelcode van 55 letters en cijfers, bijvoorbeeld telefonisch.',
    hqSave: 'Herstelbestand voor het hoofdkantoor opslaan',
    hqSaved:
      'Opgeslagen in {{file}}. Stuur dit bestand naar het hoofdkantoor. Zonder de sleutel van het hoofdkantoor heeft niemand er iets aan.',
    hqSaveFailed: 'Het herstelbestand kon niet worden opgeslagen: {{message}}',
    noHqKey:
      'Deze laptop kent nog geen sleutel van het hoofdkantoor, dus het hoofdkantoor kan niet helpen. Alleen de persoonlijke herstelsleutel kan de gegevens openen.',
    withoutTitle: 'Zonder een van beide',
    withoutText:
      'Zonder de wachtzin, de herstelsleutel of een code van het hoofdkantoor kan niemand de gegevens op deze laptop lezen: het hoofdkantoor niet, en de ontwikkelaars ook niet. Wat u al naar het hoofdkantoor hebt geëxporteerd, is daar veilig.',
    formTitle: 'Kies een nieuwe wachtzin',
    secret: 'Herstelsleutel of herstelcode',
    secretHint: 'Typ hem precies zoals hij is opgeschreven. Spaties en hoofdletters maken niet uit.',
    newPassphrase: 'Nieuwe wachtzin',
    repeat: 'Typ de nieuwe wachtzin nog een keer',
    submit: 'Ontgrendelen en de nieuwe wachtzin opslaan',
    working: 'Bezig met controleren…',
    back: 'Terug naar de wachtzin',
  },
};
