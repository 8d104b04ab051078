import { describe, expect, it } from 'vitest';
import { createDispatcher, OutputMismatchError, type Handlers } from '../../../electron/backend/dispatch';
import { ok, type Result } from '../../../shared/contract/result';
import { useBackends, validRequestInput } from '../helpers/backend';

// Every answer is checked against its channel's `output` schema (shared/contract/ipc.ts) unless the caller
// turns the check off (the shipped app, for speed): a handler that answers the wrong shape fails with an
// `internal` error that names the channel and the path, and the mismatch is logged.

const INFO = { version: '1.0.0', schemaVersion: 5, dataDir: '/data' };

/** A dispatcher whose app.info handler answers `value`; the errors it logs go to `logged`. */
function dispatcherAnswering(value: unknown, checkOutputs?: boolean) {
  const logged: unknown[] = [];
  const handlers = { 'app.info': (): Result<unknown> => ok(value) } as unknown as Handlers;
  const invoke = createDispatcher(
    handlers,
    (error) => logged.push(error),
    undefined,
    checkOutputs === undefined ? {} : { checkOutputs },
  );
  return { invoke, logged };
}

describe('output check in the dispatcher', () => {
  it('passes an answer of the right shape through unchanged, and logs nothing', async () => {
    const { invoke, logged } = dispatcherAnswering(INFO);
    expect(await invoke('app.info', {})).toEqual({ ok: true, value: INFO });
    expect(logged).toEqual([]);
  });

  it('turns a wrong type into internal, naming the channel and the path, and logs the mismatch', async () => {
    const { invoke, logged } = dispatcherAnswering({ ...INFO, schemaVersion: '5' });
    const result = await invoke('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok ? '' : result.error.message).toMatch(
      /^The answer of app\.info does not match the contract: value\.schemaVersion: .*expected number/,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toBeInstanceOf(OutputMismatchError);
    expect(logged[0]).toMatchObject({ channel: 'app.info', problems: [{ path: 'value.schemaVersion' }] });
  });

  it('refuses a missing field, an extra field and an answer that is no object at all', async () => {
    const cases: [unknown, RegExp][] = [
      [{ version: '1', schemaVersion: 5 }, /value\.dataDir: /],
      [{ ...INFO, secret: 'key' }, /value: .*secret/],
      [null, /value: .*expected object/],
      [undefined, /value: /],
    ];
    for (const [value, message] of cases) {
      const { invoke, logged } = dispatcherAnswering(value);
      const result = await invoke('app.info', {});
      expect(result.ok, JSON.stringify(value)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('internal');
        expect(result.error.message).toMatch(message);
      }
      expect(logged).toHaveLength(1);
    }
  });

  it('is on unless the caller turns it off; off, the handler’s answer goes through as it is', async () => {
    const wrong = { ...INFO, schemaVersion: '5' };
    expect((await dispatcherAnswering(wrong, true).invoke('app.info', {})).ok).toBe(false);
    const off = dispatcherAnswering(wrong, false);
    expect(await off.invoke('app.info', {})).toEqual({ ok: true, value: wrong });
    expect(off.logged).toEqual([]);
  });
});

describe('output check in a real backend', () => {
  const open = useBackends();

  it('a record whose stored data breaks its schema is answered as internal, not sent to the window', async () => {
    const { backend, logged } = open();
    const created = await backend.call('requests.create', validRequestInput() as never);
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    expect((await backend.call('requests.get', { id })).ok).toBe(true);
    // Behind the backend's back: a status no schema knows.
    backend.db.prepare("UPDATE record SET data = json_set(data, '$.status', 'lost') WHERE id = ?").run(id);
    const got = await backend.call('requests.get', { id });
    expect(got).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(got.ok ? '' : got.error.message).toMatch(/^The answer of requests\.get does not match .*value\.status/);
    const listed = await backend.call('requests.list', {});
    expect(listed.ok ? '' : listed.error.message).toMatch(/requests\.list .*value\.items\.0\.status/);
    expect(logged.filter((e) => e instanceof OutputMismatchError)).toHaveLength(2);
  });

  it('a backend opened with checkOutputs: false sends the same record as it is', async () => {
    const { backend, logged } = open({ checkOutputs: false });
    const created = await backend.call('requests.create', validRequestInput() as never);
    if (!created.ok) throw new Error(created.error.message);
    backend.db
      .prepare("UPDATE record SET data = json_set(data, '$.status', 'lost') WHERE id = ?")
      .run(created.value.id);
    const got = await backend.call('requests.get', { id: created.value.id });
    expect(got).toMatchObject({ ok: true, value: { status: 'lost' } });
    expect(logged).toEqual([]);
  });
});
