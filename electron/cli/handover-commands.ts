import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Backend } from '../backend/create-backend';
import { callWithFiles } from '../files/trusted';
import type { CliIo } from './io';

// Revocation, HQ key retirement and handover on the command line (issue 13, items 3, 6 and 7): the same backend
// calls the window makes. Exit status: 0 done, 1 refused (the message says why), 2 a usage error.

export const HANDOVER_COMMAND_NAMES = new Set(['revoke', 'reinstate', 'handover']);

export const HANDOVER_COMMANDS_HELP = `  revoke KEYID --reason TEXT [--by NAME] [--json]
                      HQ: revoke a post installation's key (a lost or stolen laptop). Its bundles are
                      refused from now on, whatever date they carry; imported ones stay.
  reinstate KEYID --reason TEXT [--by NAME] [--json]
                      HQ: lift a revocation, on the record (enrolling the key again does not).
  keys retire-hq FINGERPRINT [--by NAME] [--dry-run] [--json]
                      HQ: retire one of its own keys (kept for decryption). Warns of posts whose latest
                      bundle was sealed to that key only. --dry-run: the warning only.
  handover successor-file --out FILE
                      Successor (a new post profile for the same post id): write the file the outgoing
                      officer needs, with the fingerprints to compare by phone.
  handover create --successor FILE --out FILE [--closed-history] [--json]
                      Outgoing officer: the handover package for that successor, signed and encrypted
                      to it only. Open work always; --closed-history adds closed records.
  handover import FILE --outgoing-key FINGERPRINT [--json]
                      Successor: verify and import a package. Without --outgoing-key it shows the key
                      that signed it (to compare by phone) and imports nothing (exit 2).
`;

export interface HandoverArgs {
  positionals: string[];
  values: {
    reason?: string;
    by?: string;
    out?: string;
    successor?: string;
    'outgoing-key'?: string;
    'closed-history'?: boolean;
    'dry-run'?: boolean;
    json: boolean;
  };
}

type CliBackend = Pick<Backend, 'call' | 'invoke'>;

function problem(io: CliIo, error: { message: string }): number {
  io.err(`liaison-log: ${error.message}\n`);
  return 1;
}

function operator(by: string | undefined): string {
  if (by?.trim()) return by.trim();
  try {
    return os.userInfo().username || 'command line';
  } catch {
    return 'command line';
  }
}

function readable(file: string | undefined, io: CliIo): string | undefined {
  if (!file) return undefined;
  try {
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
    fs.accessSync(file, fs.constants.R_OK);
    return path.resolve(file);
  } catch (error) {
    io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
    return undefined;
  }
}

export async function runHandoverCommand(
  command: string,
  args: HandoverArgs,
  backend: CliBackend,
  io: CliIo,
): Promise<number> {
  const { positionals, values } = args;
  const out = (value: unknown, text: string) => io.out(values.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  if (command === 'revoke' || command === 'reinstate') {
    const keyId = positionals[1];
    if (!keyId || !values.reason?.trim()) {
      io.err(`liaison-log: ${command} KEYID --reason TEXT [--by NAME] [--json]\n`);
      return 2;
    }
    const input = { keyId: keyId.toUpperCase(), reason: values.reason, by: operator(values.by) };
    const r = await backend.call(command === 'revoke' ? 'posts.revoke' : 'posts.reinstate', input);
    if (!r.ok) return problem(io, r.error);
    const key = r.value
      .flatMap((p) => p.keys.map((k) => ({ ...k, postId: p.postId })))
      .find((k) => k.keyId === input.keyId);
    out(
      {
        keyId: input.keyId,
        postId: key?.postId ?? null,
        state: key?.state ?? null,
        revocation: key?.revocation ?? null,
      },
      command === 'revoke'
        ? `Revoked key ${input.keyId} of post ${key?.postId ?? ''} (${input.reason}). Bundles signed with it are refused from now on.\n`
        : `Reinstated key ${input.keyId} of post ${key?.postId ?? ''} (${input.reason}).\n`,
    );
    return 0;
  }
  // handover ...
  const sub = positionals[1];
  if (sub === 'successor-file') {
    if (!values.out) {
      io.err('liaison-log: handover successor-file --out FILE\n');
      return 2;
    }
    const r = await callWithFiles(backend.invoke, 'handover.saveSuccessorFile', {}, { save: path.resolve(values.out) });
    if (!r.ok) return problem(io, r.error);
    const file = JSON.parse(fs.readFileSync(path.resolve(values.out), 'utf8')) as {
      keyId: string;
      recipientFingerprint: string;
    };
    out(
      { savedTo: r.value.savedTo, keyId: file.keyId, recipientFingerprint: file.recipientFingerprint },
      `Wrote ${values.out}\nRead these to the outgoing officer:\n  signing key   ${file.keyId}\n  receiving key ${file.recipientFingerprint}\n`,
    );
    return 0;
  }
  if (sub === 'create') {
    const successor = readable(values.successor, io);
    if (!values.successor || !values.out) {
      io.err('liaison-log: handover create --successor FILE --out FILE [--closed-history] [--json]\n');
      return 2;
    }
    if (!successor) return 2;
    const read = await callWithFiles(backend.invoke, 'handover.readSuccessor', {}, { open: [successor] });
    if (!read.ok) return problem(io, read.error);
    const made = await callWithFiles(
      backend.invoke,
      'handover.create',
      { token: read.value.token, closedHistory: values['closed-history'] ?? false },
      { save: path.resolve(values.out) },
    );
    if (!made.ok) return problem(io, made.error);
    const f = read.value.file;
    out(
      { ...made.value, successor: { keyId: f.keyId, recipientFingerprint: f.recipientFingerprint } },
      `Handover package for ${f.officer} written to ${made.value.savedTo}: ${JSON.stringify(made.value.counts)}\n` +
        `Compare with the successor by phone:\n  successor's signing key   ${f.keyId}\n  successor's receiving key ${f.recipientFingerprint}\n` +
        `and read them this installation's key: ${made.value.outgoingKeyId}\n`,
    );
    return 0;
  }
  if (sub === 'import') {
    const file = readable(positionals[2], io);
    if (!positionals[2]) {
      io.err('liaison-log: handover import FILE --outgoing-key FINGERPRINT [--json]\n');
      return 2;
    }
    if (!file) return 2;
    const opened = await callWithFiles(backend.invoke, 'handover.readPackage', {}, { open: [file] });
    if (!opened.ok) return problem(io, opened.error);
    const expected = values['outgoing-key']?.trim().toUpperCase();
    if (!expected) {
      const { token: _token, ...shown } = opened.value;
      out(
        shown,
        `Handover package from ${opened.value.outgoingOfficer} (post ${opened.value.postId}): ${JSON.stringify(opened.value.counts)}\n` +
          `Signed by key ${opened.value.outgoingKeyId}.\n`,
      );
      io.err(
        'liaison-log: nothing was imported. Compare the key above with the one the outgoing officer reads out, then run again with --outgoing-key FINGERPRINT.\n',
      );
      return 2;
    }
    const r = await backend.call('handover.import', { token: opened.value.token, outgoingKeyId: expected });
    if (!r.ok) return problem(io, r.error);
    out(
      r.value,
      `Imported the handover from ${r.value.outgoingOfficer}: ${r.value.added} records added, ${r.value.unchanged} already here. ` +
        `This installation continues the post's series after export ${r.value.lastSequence} of key ${r.value.outgoingKeyId}.\n`,
    );
    return 0;
  }
  io.err(
    'liaison-log: handover successor-file --out FILE | handover create --successor FILE --out FILE | handover import FILE --outgoing-key FINGERPRINT\n',
  );
  return 2;
}

/** `keys retire-hq FINGERPRINT`: the warning first (stderr), then the retirement, unless --dry-run. */
export async function runRetireHqCommand(args: HandoverArgs, backend: CliBackend, io: CliIo): Promise<number> {
  const fingerprint = args.positionals[2]?.toUpperCase();
  if (!fingerprint) {
    io.err('liaison-log: keys retire-hq FINGERPRINT [--by NAME] [--dry-run] [--json]\n');
    return 2;
  }
  const preview = await backend.call('keys.retireHqPreview', { fingerprint });
  if (!preview.ok) return problem(io, preview.error);
  const p = preview.value;
  for (const post of p.sealedOnlyToIt) {
    io.err(
      `warning: post ${post.postId} (${post.postName}): its latest bundle (${post.lastExportAt}) was sealed to this key only. Send it the new HQ key file; its bundles sealed to this key still import.\n`,
    );
  }
  for (const post of p.unknown) {
    io.err(`warning: post ${post.postId}: its latest bundle was imported before HQ recorded recipients (not known).\n`);
  }
  if (args.values['dry-run']) {
    if (args.values.json) io.out(`${JSON.stringify({ preview: p, retired: false }, null, 2)}\n`);
    return 0;
  }
  const r = await backend.call('keys.retireHq', { fingerprint, by: operator(args.values.by) });
  if (!r.ok) return problem(io, r.error);
  if (args.values.json) io.out(`${JSON.stringify({ preview: p, retired: true }, null, 2)}\n`);
  else
    io.out(
      `Retired HQ key ${fingerprint}. It stays here for decryption. Give the posts the new HQ key file (keys export-hq).\n`,
    );
  return 0;
}
