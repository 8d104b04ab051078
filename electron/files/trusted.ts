import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract/ipc';
import { ok, type Result } from '../../shared/contract/result';
import type { CallOptions } from '../backend/dispatch';

// For trusted Node callers (the command line, the demo data, tests), which choose files themselves instead
// of through a dialog: they grant the path to the call as the host does after its dialog.

/** A backend or session entry that accepts granted files. */
export type TrustedInvoke = (channel: unknown, payload: unknown, options?: CallOptions) => Promise<Result<unknown>>;

/** Calls `channel` with `files` granted, typed from the contract. */
export async function callWithFiles<C extends Channel>(
  invoke: TrustedInvoke,
  channel: C,
  input: ChannelInput<C>,
  files: NonNullable<CallOptions['files']>,
): Promise<Result<ChannelOutput<C>>> {
  return (await invoke(channel, input, { files })) as Result<ChannelOutput<C>>;
}

/** Runs a save channel into a temporary file and returns what it wrote (e.g. the HQ key file's text). */
export async function savedContent<C extends Channel>(
  invoke: TrustedInvoke,
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<Buffer>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-save-'));
  try {
    const target = path.join(dir, 'file');
    const r = await callWithFiles(invoke, channel, input, { save: target });
    return r.ok ? ok(fs.readFileSync(target)) : r;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs an open channel on `content` written to a temporary file named `name` (e.g. a key file's text). */
export async function openedContent<C extends Channel>(
  invoke: TrustedInvoke,
  channel: C,
  input: ChannelInput<C>,
  content: string | Uint8Array,
  name = 'file',
): Promise<Result<ChannelOutput<C>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-open-'));
  try {
    const file = path.join(dir, path.basename(name));
    fs.writeFileSync(file, content);
    return await callWithFiles(invoke, channel, input, { open: [file] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
