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
  // Import report: the run's totals (the command line's last line); files a cancel left unread are not rejected.
  'import.totals':
    'Files: {{imported}} imported, {{already}} already imported, {{rejected}} rejected, {{notReached}} not reached.',
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
  'exchange.below_minimum_level':
    "HQ's network configuration asks for exports at level '{{minimum}}' or above; this one is '{{level}}'. Choose a higher level.",
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

  // Retention and data-subject duties (issue 13, item 5).
  'retention.case_not_found': 'There is no such case: a legal hold is placed on a case.',
  'retention.person_not_found': 'This person does not exist (or was erased already).',

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

  // Spreadsheet import (issue 14, item 5): the file, the mapping, each row's problems, batches.
  'sheet_import.file.too_large':
    '{{file}} is {{size}} MB; a spreadsheet import takes files up to {{limit}} MB. Split the file (by year, for example). Nothing was imported.',
  'sheet_import.file.empty': '{{file}} is empty. Nothing was imported.',
  'sheet_import.file.unreadable': '{{file}} could not be read ({{error}}). Nothing was imported.',
  'sheet_import.file.old_xls':
    '{{file}} is an old Excel 97–2003 workbook (.xls). Open it in Excel and save it as .xlsx or .csv, then import that. Nothing was imported.',
  'sheet_import.file.not_a_sheet': '{{file}} is neither a CSV file nor an Excel .xlsx workbook. Nothing was imported.',
  'sheet_import.file.encoding':
    '{{file}} is not text in a known encoding (UTF-8, UTF-16 with a byte order mark, or Windows-1252): it may be UTF-16 without a byte order mark, or not a text file. Save it from Excel as “CSV UTF-8”. Nothing was imported.',
  'sheet_import.file.zip_bomb':
    '{{file}} would unpack to {{unpacked}} MB ({{entries}} parts); a workbook may unpack to at most {{limit}} MB. It is not an ordinary spreadsheet and was not opened. Nothing was imported.',
  'sheet_import.file.zip_ratio':
    'A part of {{file}} ({{entry}}) unpacks to {{ratio}} times its size: that is a zip bomb, not a spreadsheet. It was not opened. Nothing was imported.',
  'sheet_import.file.zip_lies':
    'A part of {{file}} ({{entry}}) unpacks to more than the workbook says it holds: the file is damaged or built to harm. It was not opened. Nothing was imported.',
  'sheet_import.file.not_xlsx': '{{file}} is not a readable .xlsx workbook ({{error}}). Nothing was imported.',
  'sheet_import.file.too_many_rows':
    '{{file}} holds {{count}} rows; one import takes at most {{limit}} rows. Split the file (by year, for example). Nothing was imported.',
  'sheet_import.file.too_many_columns':
    '{{file}} has {{count}} columns; an import takes at most {{limit}}. Delete the columns you do not need. Nothing was imported.',
  'sheet_import.file.no_rows': 'The sheet has no rows below its header row. Nothing to import.',
  'sheet_import.sheet.merged_cells':
    'The sheet has merged cells in its table ({{ranges}}). Merged cells hide which row a value belongs to: unmerge them in Excel and fill in every cell, then import again. Nothing was imported.',
  'sheet_import.sheet.formula_without_value':
    'Cell {{cell}} holds a formula without a saved result (the file was not saved by a spreadsheet program that calculates). Open it in Excel, save it, and import again; or replace the formulas by their values. Nothing was imported.',
  'sheet_import.sheet.no_such_sheet': 'The workbook has no sheet named “{{sheet}}”.',
  'sheet_import.sheet.duplicate_header':
    'Two columns are headed “{{header}}”. Give each column its own header in the file, then import again.',
  'sheet_import.notice.formulas':
    '{{count}} cells hold formulas: their results as last saved in the file are imported, not the formulas.',
  'sheet_import.notice.encoding': 'The file was read as {{encoding}} text.',
  'sheet_import.not_open': 'That spreadsheet is no longer open here. Open it again.',
  'sheet_import.mapping.unknown_role': 'Column “{{column}}” has the role “{{role}}”, which a {{target}} does not have.',
  'sheet_import.mapping.unknown_column': 'The mapping names column “{{column}}”, which the sheet does not have.',
  'sheet_import.mapping.not_json': '{{file}} is not an import configuration (not JSON).',
  'sheet_import.mapping.invalid': '{{file}} is not a valid import configuration: {{problem}} (at {{at}}).',
  'sheet_import.batch.not_found': 'There is no spreadsheet import {{batchId}}.',
  'sheet_import.batch.already_undone': 'This import was already undone on {{undoneAt}}.',
  'sheet_import.row.required': '{{column}}: required, but empty.',
  'sheet_import.row.date': '{{column}}: “{{value}}” is not a date that can be read in the chosen date order.',
  'sheet_import.row.time': '{{column}}: “{{value}}” is not a time of day.',
  'sheet_import.row.no_such_time':
    '{{column}}: {{value}} did not exist on the post’s clock (the clocks were put forward).',
  'sheet_import.row.country': '{{column}}: “{{value}}” is not a country Liaison Log knows. Map the word to a country.',
  'sheet_import.row.channel': '{{column}}: “{{value}}” is not a channel Liaison Log knows. Map the word to a channel.',
  'sheet_import.row.phenomenon':
    '{{column}}: “{{value}}” is not a phenomenon in the taxonomy. Map the word to a phenomenon.',
  'sheet_import.row.choice': '{{column}}: “{{value}}” is not one of the known values. Map the word to one.',
  'sheet_import.row.number': '{{column}}: “{{value}}” is not a number.',
  'sheet_import.row.too_long': '{{column}}: longer than {{max}} characters.',
  'sheet_import.row.answer_before_request': '{{column}}: the answer cannot come before the request.',
  'sheet_import.row.invalid': '{{column}}: not a valid value.',
  'sheet_import.row.unknown_organisation':
    '{{column}}: no organisation named “{{value}}” in the logbook; the name is kept in the notes.',

  // Revocation, HQ key retirement and handover (issue 13, items 3 and 6: electron/exchange/identity.ts, electron/handover/).
  'import.reason.revoked': 'Signed with a revoked key',
  'import.revoked.key':
    'The bundle is signed by key {{keyId}}, which HQ revoked on {{revokedAt}} ({{reason}}). Bundles signed with a revoked key are refused whatever date they carry: a stolen laptop can forge it.',
  'exchange.enrol.revoked_key':
    'Key {{keyId}} of post {{postId}} was revoked on {{revokedAt}} ({{reason}}). Enrolling it again does not lift that: reinstate it explicitly, with a reason.',
  'exchange.revoke.unknown_key': 'No post key {{keyId}} is enrolled at this HQ.',
  'exchange.revoke.already_revoked': 'Key {{keyId}} is already revoked (since {{revokedAt}}).',
  'exchange.reinstate.not_revoked': 'Key {{keyId}} is not revoked: there is nothing to reinstate.',
  'exchange.retire_hq.unknown_key': 'HQ has no key {{fingerprint}}.',
  'exchange.retire_hq.already_retired': 'HQ key {{fingerprint}} is already retired (since {{retiredAt}}).',
  'exchange.retire_hq.last_key':
    'HQ key {{fingerprint}} is the last one in use: add another key before retiring it, or posts could not encrypt to HQ.',
  'handover.successor_not_json': 'This is not a successor file (not JSON).',
  'handover.successor_damaged': 'This is not a successor file, or it is damaged.',
  'handover.successor_too_large': 'This is not a successor file: {{file}} is {{size}} bytes; the limit is {{limit}}.',
  'handover.successor_key_mismatch': 'The fingerprints in the successor file do not match its keys.',
  'handover.successor_other_post':
    'This successor file is for post {{filePost}}; this installation is post {{ownPost}}. A handover stays within one post.',
  'handover.successor_is_self': 'This successor file is this installation’s own: open the successor’s file.',
  'handover.successor_not_open': 'That successor file is no longer open here. Open it again.',
  'handover.package_not_open': 'That handover package is no longer open here. Open it again.',
  'handover.unreadable': '{{file}} could not be read ({{error}}).',
  'handover.too_large':
    'The file is {{size}} bytes; handover packages are limited to {{limit}} bytes. Nothing was imported.',
  'handover.not_a_package': 'This is not a Liaison Log handover package. Nothing was imported.',
  'handover.no_receiving_key':
    'This installation has not made a successor file, so no handover package can be for it. Make the successor file first.',
  'handover.not_for_us':
    'This handover package is not encrypted for this installation (it was made for another successor file). Nothing was imported.',
  'handover.tampered': 'The handover package was altered or damaged after it was made. Nothing was imported.',
  'handover.version_too_new':
    'The handover package was made by a newer version of Liaison Log (format {{version}}; this one reads {{supported}}). Nothing was imported.',
  'handover.other_successor':
    'This handover package was made for another successor installation (key {{keyId}}), and re-encrypted to this one. Nothing was imported.',
  'handover.other_post':
    'This handover package is for post {{packagePost}}; this installation is post {{ownPost}}. Nothing was imported.',
  'handover.fingerprint_mismatch':
    'The package is signed by key {{actual}}, not by {{expected}} as the outgoing officer said. Nothing was imported: call the outgoing officer.',
  'handover.already_imported': 'This handover package was imported already (on {{at}}). Nothing changed.',
  'handover.invalid_record':
    'Record {{record}} of the package ({{kind}} {{id}}) is invalid: {{problem}}. Nothing was imported.',
  'handover.wrong_role': 'Handovers are between post installations: this is not a post.',
  // HQ's network configuration (issue 13, item 4: electron/network-config/, docs/network-config.md).
  'config.too_large':
    'The file is {{size}} bytes; network configuration files are limited to {{limit}} bytes. Nothing was changed.',
  'config.not_a_config': 'This is not a Liaison Log network configuration file. Nothing was changed.',
  'config.truncated': 'The file ends too early: it was cut short. Ask HQ for the file again. Nothing was changed.',
  'config.invalid': 'The configuration file is invalid at {{at}}: {{problem}} Nothing was changed.',
  'config.unknown_field':
    'The configuration file holds a field this version does not know ({{field}} in {{at}}): it was altered, or made by a newer version of Liaison Log. Nothing was changed.',
  'config.version_too_new':
    'The configuration was made by a newer version of Liaison Log (format {{found}}; this version reads {{supported}}). Update Liaison Log. Nothing was changed.',
  'config.no_signing_key':
    'This post does not trust an HQ signing key yet: import HQ’s current key file first and compare its fingerprints by phone. Nothing was changed.',
  'config.foreign_signer':
    'The configuration is signed by key {{keyId}}, not by the HQ signing key this post trusts ({{trusted}}): it comes from another HQ, or from a key this post has not seen announced. Nothing was changed.',
  'config.tampered':
    'The signature does not match the content: the file was altered after HQ signed it. Nothing was changed.',
  'config.rotation_unsigned':
    'The configuration announces a new HQ signing key ({{keyId}}) without that key’s own signature. Nothing was changed.',
  'config.bad_signing_key': 'The configuration’s signing key does not match its fingerprint. Nothing was changed.',
  'config.rollback':
    'This is configuration version {{version}}; this post already applied version {{current}}. An older configuration is never applied again. Nothing was changed.',
  'config.already_applied': 'Configuration version {{version}} is already applied. Nothing was changed.',
  'config.expired': 'This configuration expired on {{expiresAt}}: ask HQ for the current one. Nothing was changed.',
  'config.inconsistent': 'The configuration contradicts itself: {{problem}} Nothing was changed.',
  'config.unusable_key':
    'HQ key {{label}} ({{fingerprint}}) in the configuration cannot be used to encrypt, or its fingerprint is wrong. Nothing was changed.',
  'config.wrong_role.hq': 'HQ publishes the network configuration; it does not import one.',
  'config.wrong_role.post': 'Only HQ publishes the network configuration.',
  'config.not_set_up': 'Set this installation up as HQ or as a post first.',
  'config.applied': 'Configuration version {{version}} applied.',
  'config.dry_run': 'Checked: version {{version}} would be applied (dry run, nothing changed).',
  'config.published': 'Configuration version {{version}} published: {{file}}',
  'config.unknown_term': 'There is no HQ term “{{code}}”.',
  'config.not_local': 'Term “{{code}}” is HQ’s: only the post’s own terms map onto HQ codes.',
  'config.hq_term': 'Term “{{code}}” is managed by HQ’s network configuration: HQ changes it.',
  'config.draft_invalid': 'The draft is invalid at {{at}}: {{problem}}',
  // "Save a copy as…" of a published network configuration (issue 14 leftovers).
  'config.copy.unknown_version': 'There is no published configuration version {{version}}. Nothing was saved.',
  'config.copy.nothing_published': 'No configuration has been published yet. Nothing was saved.',
  'config.copy.file_gone':
    'The published file of version {{version}} is no longer at {{file}}. Publish a new version instead. Nothing was saved.',
  'config.copy.file_changed':
    'The published file of version {{version}} at {{file}} was changed after it was published. Publish a new version instead. Nothing was saved.',

  // The evaluation dataset (issue 14 item 4): where it cannot be written.
  'dataset.target_not_folder': '{{folder}} is a file, not a folder: the dataset was not written.',
  'dataset.target_not_empty':
    '{{folder}} already holds other files: the dataset was not written. Choose an empty or new folder.',
  'dataset.target_has_dataset':
    '{{folder}} already holds a dataset: nothing was written. Replace it, or choose another folder.',
  // Exchange lifecycle: tombstones, restored laptops, series across keys (issue 13, items 1-2 and 3's series).
  'import.too_large.tombstones': 'The bundle holds {{count}} tombstones; the limit is {{limit}}.',
  'import.not_a_bundle.series_fields':
    'The manifest says format {{version}}, which does not match its fields ({{fields}}).',
  'import.invalid_record.tombstone_beyond_level':
    'Tombstone {{tombstone}} ({{kind}} {{id}}) is beyond what a {{level}} export carries.',
  'import.invalid_record.tombstone_twice': 'Record {{id}} is named twice among the bundle’s records and tombstones.',
  'import.invalid_record.tombstone_overwrite':
    'Tombstone {{tombstone}} names record {{id}}, which belongs to another post or is of another kind.',
  'import.tampered.restore_invalid':
    'The bundle’s restore declaration does not fit its own manifest (sequence {{sequence}}, continuing after {{continuesAfter}}).',
  'import.tampered.restore_chain':
    'The bundle says the restored laptop continues after export {{sequence}}, but HQ holds a different export {{sequence}}.',
  'import.tampered.continues_other_post':
    'The bundle says it continues the series of key {{keyId}}, which is not another key of post {{postId}}.',
  'import.tampered.continues_chain':
    'The bundle says it continues after export {{sequence}} of key {{keyId}}, but HQ holds a different export {{sequence}} of that key.',
  'import.restored.superseded':
    'Restored from a backup of {{backupOf}}; exports {{from}}–{{to}} of the earlier run are superseded (the records they brought stay at HQ).',
  'import.restored.none_superseded': 'Restored from a backup of {{backupOf}}; no earlier export is superseded.',
  'import.superseded_on_arrival':
    'This export belongs to a run the post replaced by restoring a backup of {{backupOf}}: it is kept as superseded, and its records were merged.',
  'import.series_continues': 'This key continues the post’s series after export {{sequence}} of key {{keyId}}.',
  'import.tombstones': 'The post moved {{trashed}} records to the trash and purged {{purged}}: HQ did the same.',
  'import.restated': 'Corrected figures for {{count}} earlier periods.',
  // Effort and cost, work plans (issue 14, items 2 and 3: electron/effort/, electron/workplan/).
  'workplan.not_found': 'There is no such planned activity in this installation’s work plan.',
  'workplan.stale': 'This planned activity was changed elsewhere. Reload it before saving.',
  'workplan.unknown_reference': 'The phenomenon or partner organisation does not exist.',
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
