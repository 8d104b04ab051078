// The backend's messages an officer can see, by stable code, with their English text. The single source for the
// command line's English output and the renderer's English catalogue: the renderer translates `code` (with its
// `params`) into the window's language, so no English sentence from the backend reaches a Dutch screen.
// Templates use i18next's `{{name}}` placeholders; `params` carries each named figure (sizes, limits, dates,
// file names). A code, once released, keeps its meaning: change the wording freely, never the sense.

export const MESSAGES = {
  // Import: the short label of each rejection reason (REJECTION_REASONS in shared/exchange/schema.ts).
  'import.reason.not_a_bundle': 'Not a Liaison Log export',
  'import.reason.truncated': 'Incomplete: the file was cut off',
  'import.reason.tampered': 'Altered or damaged after signing',
  'import.reason.not_addressed_to_us': 'Not encrypted for this HQ',
  'import.reason.unknown_post': 'From a post or key that is not enrolled',
  'import.reason.version_too_new': 'Made by a newer version of Liaison Log',
  'import.reason.invalid_record': 'Contains an invalid record',
  'import.reason.too_large': 'Too large',
  'import.reason.unreadable': 'Could not be read',
  'import.reason.period_reversed': 'Its period ends before it starts',
  'import.reason.counts_mismatch': 'Its counts do not match its records',
  'import.reason.created_in_future': 'Dated in the future',
  'import.reason.cancelled': 'Not imported: cancelled',

  // Import: what happened to one file (an import report entry's `detail`).
  'import.imported': 'Imported.',
  'import.already_imported': 'Already imported: nothing changed.',
  'import.dry_run_ok': 'Checked: would be imported (dry run, nothing changed).',
  'import.cancelled_before':
    'Not imported: the import was cancelled before this file. The files before it were imported, each one whole.',
  'import.unreadable': 'The file could not be read ({{error}}).',
  'import.too_large.file': 'The file is {{size}} bytes; bundles are limited to {{limit}} bytes.',
  'import.too_large.records': 'The bundle holds {{count}} records; the limit is {{limit}}.',
  'import.truncated.first_line': 'The file ends inside its first line: it is truncated.',
  'import.truncated.header': 'The file ends inside its encryption header: it is truncated.',
  'import.truncated.content': 'The file ends before its encrypted content: it is truncated.',
  'import.not_a_bundle.not_age': 'This is not a Liaison Log bundle (not an age-encrypted file).',
  'import.not_a_bundle.not_json': 'The decrypted content is not a Liaison Log bundle (not JSON).',
  'import.not_a_bundle.wrong_format': 'The decrypted content is not a Liaison Log bundle.',
  'import.not_a_bundle.envelope': 'The bundle envelope is malformed.',
  'import.not_a_bundle.payload_not_json': 'The signed payload is not JSON.',
  'import.not_a_bundle.manifest_invalid': 'The manifest is invalid at {{at}}: {{problem}}',
  'import.not_a_bundle.aggregates_invalid': 'The aggregates are invalid at {{at}}: {{problem}}',
  'import.not_a_bundle.time_zone':
    'The manifest is invalid at manifest.timeZone: {{timeZone}} is not a known time zone.',
  'import.not_a_bundle.proto': 'The manifest is invalid at {{at}}: a key named "__proto__".',
  'import.tampered.header_end': 'The encryption header was altered: its closing "---" line is damaged.',
  'import.tampered.header_mac': 'The encryption header was altered (MAC check failed).',
  'import.tampered.header_invalid': 'The encryption header was altered: it is not a valid age header.',
  'import.tampered.content_mac':
    'The encrypted content does not authenticate: the file was truncated or altered (MAC check failed).',
  'import.tampered.signature': 'The signature does not match the content: the bundle was altered after signing.',
  'import.tampered.signer_mismatch': 'The manifest names another signer than the signature.',
  'import.tampered.export_reused': 'Export {{exportId}} was already imported from another signing key.',
  'import.tampered.sequence_reused': 'Another bundle ({{exportId}}) already has sequence {{sequence}} for this key.',
  'import.not_addressed_to_us.keys':
    'None of this HQ’s keys can open the file: it was encrypted to other keys, or its header was altered.',
  'import.not_addressed_to_us.recipients':
    'The post signed this bundle for other HQ keys; it was re-encrypted to this HQ by someone else.',
  'import.unknown_post.unknown_key': 'The bundle is signed by key {{keyId}}, which no enrolled post holds.',
  'import.unknown_post.revoked_key': 'The bundle is signed by key {{keyId}}, which was revoked.',
  'import.unknown_post.post_mismatch': 'Key {{keyId}} is enrolled for post {{enrolledPost}}, not {{claimedPost}}.',
  'import.version_too_new.envelope':
    'The bundle has format version {{version}}; this version of Liaison Log reads up to {{supported}}. Update Liaison Log at HQ.',
  'import.version_too_new.manifest':
    "The bundle's manifest has format version {{version}}; this version of Liaison Log reads up to {{supported}}. Update Liaison Log at HQ.",
  'import.invalid_record.schema': 'Record {{record}} is invalid: {{problem}} (at {{at}}).',
  'import.invalid_record.aggregate_with_records': 'An aggregate-only bundle carries records.',
  'import.invalid_record.beyond_level':
    'Record {{record}} ({{kind}} {{id}}) carries {{fields}}, which a {{level}} export leaves out.',
  'import.invalid_record.whole_record_beyond_level':
    'Record {{record}} ({{kind}} {{id}}) is a kind of record which a {{level}} export leaves out.',
  'import.invalid_record.fields': 'Record {{record}} ({{kind}} {{id}}) is invalid: {{problem}} (at {{at}}).',
  'import.invalid_record.overwrite': "Record {{record}} ({{id}}) would overwrite a record that is not this post's.",
  'import.invalid_record.proto': 'Record {{record}} is invalid: it holds a key named "__proto__" (at {{at}}).',
  'import.period_reversed':
    'The bundle’s period ends ({{to}}) before it starts ({{from}}): the post’s software or the file is not what it claims.',
  'import.counts_mismatch':
    'The manifest counts {{claimed}} records but the bundle holds {{actual}} (different for: {{kinds}}): records were added or removed after counting.',
  'import.created_in_future':
    'The bundle says it was created at {{createdAt}}, more than a day after this computer’s clock ({{now}}): the post’s clock or the file is wrong.',

  // The command line's own refusals.
  'cli.data_dir.missing':
    'There is no data folder at {{dataDir}}. Check --data-dir (or LIAISON_LOG_DATA_DIR); to set up a new one, run liaison-log init.',
  'cli.data_dir.not_a_folder': '{{path}} is a file, not a folder: --data-dir must name a Liaison Log data folder.',
  'cli.data_dir.unreadable': 'The data folder {{dataDir}} cannot be opened ({{error}}).',
  'cli.year_out_of_range': '--year must be a calendar year from {{min}} to {{max}}; {{year}} is not.',

  // The exchange between posts and HQ (ExchangeError: not_set_up, wrong_role, already_set_up, invalid_file, no_hq_key).
  'exchange.not_set_up': 'Set this installation up as a post or as HQ first.',
  'exchange.no_signing_key': 'This post has no signing key yet.',
  'exchange.wrong_role.hq': 'This is an HQ installation.',
  'exchange.wrong_role.post': 'This is a post installation.',
  'exchange.already_set_up': 'This installation is already set up.',
  'exchange.no_hq_key': 'Import the HQ key file first: there is no one to encrypt the export to.',
  'exchange.no_hq_key.unusable': 'HQ key {{fingerprint}} cannot be encrypted to: import a new HQ key file from HQ.',
  'exchange.invalid_file.unusable_key':
    'Key "{{label}}" ({{fingerprint}}) is not a usable age key: nothing can be encrypted to it. Ask HQ for a new key file.',
  'exchange.invalid_file.fingerprint_mismatch': 'The fingerprint of key "{{label}}" does not match the key.',
  'exchange.invalid_file.enrolment_key_mismatch': 'The key id in the enrolment file does not match its public key.',
  'exchange.invalid_file.hq_key_not_json': 'This is not an HQ key file (not JSON).',
  'exchange.invalid_file.hq_key_damaged': 'This is not an HQ key file, or it is damaged.',
  'exchange.invalid_file.enrolment_not_json': 'This is not an enrolment file (not JSON).',
  'exchange.invalid_file.enrolment_damaged': 'This is not an enrolment file, or it is damaged.',
  'exchange.invalid_file.hq_key_too_large':
    'This is not an HQ key file: {{file}} is {{size}} bytes; the limit is {{limit}}.',
  'exchange.invalid_file.enrolment_too_large':
    'This is not an enrolment file: {{file}} is {{size}} bytes; the limit is {{limit}}.',
  'exchange.invalid_file.unreadable': '{{file}} could not be read ({{error}}).',

  // Files chosen in the host's dialogs.
  'files.no_file_chosen':
    'No file was chosen for {{channel}}: Liaison Log asks where to save or what to open in its own dialog.',
  'files.enrolment_not_open': 'That enrolment file is no longer open here. Open it again.',
  'files.export_file_gone': 'That export file is no longer in the exports folder.',
  'files.import_run_too_large':
    'The chosen files are {{total}} MB in all; one import takes at most {{limit}} MB. Choose fewer files at a time (or use the command line, which imports file by file). Nothing was imported.',

  // A write the disk refused (StorageError). The English message names what and where; these say which problem.
  'storage.disk_full': 'The disk is full: nothing was changed. Free some space and try again.',
  'storage.file_too_large':
    'The file is too large for the disk it was to be written to (FAT-formatted USB sticks take at most 4 GB): nothing was changed. Choose another place.',
  'storage.read_only':
    'The disk is read-only: nothing was changed. Check that it is not write-protected or mounted read-only.',
  'storage.no_permission': 'Liaison Log may not write there: nothing was changed. Check the folder’s permissions.',

  // The unlock session.
  'session.locked': 'Liaison Log is locked. Unlock it with your passphrase.',

  // Records.
  'record.stale_revision':
    'This record was changed elsewhere (it is now at revision {{current}}). Reload it, then make your change again.',
  'record.trashed': 'This record is in the trash. Restore it before changing it.',
  'record.imported_read_only':
    'This record was imported from post {{postName}} ({{post}}): it is read-only at HQ. Changes are made at the post and arrive with its next export.',
  'session.damaged':
    'The database in this data folder is damaged. Nothing was deleted or changed: restore a backup, or save what is still readable.',
  'session.already_has_passphrase': 'This data folder already has a passphrase. Unlock it instead.',
  'session.foreign_database':
    '{{file}} is not a Liaison Log database, or it is encrypted and this folder has no key file (vault.json is missing). Put the missing files back from a backup, or choose another data folder. Nothing was changed.',
  'session.passphrase_refused': 'Choose another passphrase.',
  'session.same_passphrase': 'The new passphrase is the same as the current one.',
  'session.nothing_to_recover': 'This data folder has no passphrase yet, so there is nothing to recover.',
  'session.no_database_to_recover':
    'There is no database in {{dataDir}} to recover. Without the passphrase, a recovery code from HQ or the personal recovery key, the data in this folder cannot be read by anyone, including the developers. What was already exported to HQ remains at HQ.',
  'session.never_encrypted':
    'The database in this folder was never encrypted (setup was interrupted), so there is nothing to recover: move vault.json and the key.* files out of the folder and set up a new passphrase.',
  'session.no_recovery_file': 'There is no recovery file ({{file}}) in this data folder yet.',
  'session.wrong_passphrase': 'The passphrase is not right ({{failedAttempts}} wrong in a row).',
  'session.try_later': 'Too many wrong passphrases: try again in {{seconds}} seconds.',
  'session.wrong_recovery_secret': 'That recovery code or key does not open the data in this folder.',
  'session.key_store_unavailable':
    'This data is bound to this computer’s key store, which is not available now: unlock with the passphrase on the computer it was bound to, or recover it.',
  'session.not_set_up': 'This data folder has no passphrase yet.',
  'session.vault_damaged':
    'A key file in this data folder is missing, damaged or replaced. Nothing was changed: restore the folder from a backup.',
  'session.database_from_future':
    'This data was written by a newer version of Liaison Log. Nothing was changed: install the newer version.',
  'session.upgrade_failed': 'The data could not be brought up to date. Nothing was changed.',
  'session.not_a_database': 'The file in the data folder is not a Liaison Log database. Nothing was changed.',
  'session.folder_not_writable': 'The data folder cannot be written ({{error}}). Nothing was changed.',
  'session.check_busy': 'A check or a backup is already running in the background. Try again when it has finished.',

  // Backups, restore and salvage.
  'backups.damaged_no_backup':
    'The database is damaged, so it cannot be backed up. Restore a backup, or save what is still readable.',
  'backups.no_such_backup': 'There is no backup {{fileName}} in {{dir}}.',
  'backups.no_such_folder': 'The folder {{folder}} does not exist (any more).',
  'backups.already_saved': '{{target}} already exists: this backup was saved there before. Choose another folder.',
  'backups.no_such_file': 'There is no file {{file}}.',
  'backups.failed':
    'The backup could not be made. Nothing was changed: the database and the earlier backups are as they were.',
  'backups.salvage_failed': 'What is still readable could not be saved. Nothing was changed.',
  'backups.restore.missing': 'There is no backup file there. Nothing was changed.',
  'backups.restore.unreadable': 'The backup cannot be read. Nothing was changed.',
  'backups.restore.not_ours':
    'The backup is not one of this data folder’s (another key, or not a Liaison Log backup). Nothing was changed.',
  'backups.restore.from_future': 'The backup was made by a newer version of Liaison Log. Nothing was changed.',
  'backups.restore.damaged': 'The backup is damaged. Nothing was changed.',
  'backups.restore.database_open':
    'The database is in use by another program. Nothing was changed: close it and try again.',
  'backups.restore.storage': 'The disk refused the restore. Nothing was changed.',
  'backups.restore.failed': 'The restore failed. Nothing was changed.',
  'cli.no_passphrase_yet': '{{dataDir}} has no passphrase yet, so there is no data to back up, check or restore into.',

  // Writing a file the officer named (exports, key files, reports, backup copies).
  'file.write.not_a_folder': '{{folder}} is not a folder, so {{file}} could not be written there. Nothing was written.',
  'file.write.no_such_folder':
    '{{folder}} does not exist and cannot be created, so {{file}} could not be written there. Nothing was written.',
  'file.write.is_a_folder': '{{target}} is a folder: name a file to write. Nothing was written.',
  'file.write.failed': '{{file}} could not be written to {{folder}} ({{error}}). Nothing was written.',
} as const;

export type MessageCode = keyof typeof MESSAGES;
export const MESSAGE_CODES = Object.keys(MESSAGES) as [MessageCode, ...MessageCode[]];

/** The names of the `{{placeholders}}` in a template, as a union of string literals. */
type PlaceholderNames<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never;

/** The params a code's template needs: every placeholder, each a string or a number. */
export type MessageParams<C extends MessageCode> = {
  readonly [K in PlaceholderNames<(typeof MESSAGES)[C]>]: string | number;
};

/** A message by code, as it travels: the renderer translates it; `params` fills the template's placeholders. */
export interface MessageRef {
  readonly code: MessageCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A typed message reference: the params the template needs are checked against its placeholders. */
export function messageRef<C extends MessageCode>(
  code: C,
  ...params: PlaceholderNames<(typeof MESSAGES)[C]> extends never ? [] : [MessageParams<C>]
): MessageRef {
  const [p] = params;
  return p ? { code, params: p } : { code };
}

/** The English text of a message: its template with each `{{name}}` replaced (unknown names are left as they are). */
export function englishText(ref: MessageRef): string {
  const template: string = MESSAGES[ref.code];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = ref.params?.[name];
    return value === undefined ? whole : String(value);
  });
}

/** Whether `code` is one of the known message codes (for checking data that crossed a boundary). */
export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.hasOwn(MESSAGES, code);
}
