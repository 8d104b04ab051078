import { beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { currentNetworkConfig } from '../../../electron/network-config/store';
import { ConfigPayload, MAX_CONFIG_BYTES } from '../../../shared/network-config/schema';
import { BYTE_MUTATIONS, TRICKY_STRINGS, rngFor, type Json, type Rng } from '../exchange/fuzz-mutations';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { envelopeOf, makeTemplates, network, resigned, useInstallations } from './helpers';

// A mutation fuzz of the network configuration file, like the bundle fuzzer (tests/unit/exchange/fuzz.test.ts):
// a valid file flipped, truncated, spliced and edited as bytes; its envelope edited as JSON without signing again;
// its payload edited and signed again with HQ's real key. The property: every input is refused with a known
// message code and the post's database is exactly as before, or (an edit that keeps the signed payload, e.g. the
// envelope's white space, or a re-signed payload that is still a valid configuration) it is applied whole.

const installations = useInstallations();
beforeAll(() => makeTemplates(installations), 120_000);

const SEED = 20261207;
const INPUTS = 240;

const DRAFT = {
  priorities: ['cocaine'],
  calendar: [{ from: '2026-01-01', to: '2026-03-31', due: '2026-04-15' }],
  objectives: [
    {
      id: 'hvt',
      labelEn: 'High value targets identified',
      labelNl: 'Geïdentificeerde high value targets',
      metric: 'results_count' as const,
      resultKind: 'hvt_identified' as const,
      target: 12,
      scope: { type: 'phenomenon' as const, code: 'cocaine' },
      period: { from: '2026-01-01', to: '2026-12-31' },
    },
  ],
};

const JSON_VALUES: Json[] = [null, true, false, 0, -1, 1.5, 2 ** 31, 1e308, [], {}, '', ...TRICKY_STRINGS.slice(0, 12)];

/** Every path to a value inside `value` (objects and arrays), for picking one to edit. */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.slice(0, 8).forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** One JSON edit at a random place: a value replaced, a key removed or added, an array emptied or doubled. */
function editJson(rnd: Rng, root: Json): { value: Json; detail: string } {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  const all = paths(copy).filter((p) => p.length > 0);
  const path = rnd.pick(all);
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k] as Json, copy) as
    Record<string, Json> | Json[];
  const key = path[path.length - 1] as string | number;
  const what = rnd.pick(['replace', 'remove', 'add', 'duplicate']);
  if (what === 'replace') (parent as Record<string, Json>)[key] = rnd.pick(JSON_VALUES);
  else if (what === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  } else if (what === 'add') {
    if (Array.isArray(parent)) parent.push(rnd.pick(JSON_VALUES));
    else parent[rnd.pick(['extra', '__proto__', 'constructor', 'version2'])] = rnd.pick(JSON_VALUES);
  } else if (Array.isArray(parent)) parent.push(parent[Number(key)] ?? null);
  else parent[`${String(key)}_copy`] = parent[key as string] ?? null;
  return { value: copy, detail: `${what} at ${path.join('.')}` };
}

interface Input {
  bytes: Uint8Array;
  detail: string;
  /** Signed again by HQ's real key: a still-valid configuration may be applied. */
  resigned: boolean;
}

function makeInput(rnd: Rng, valid: Buffer, hq: Backend): Input {
  const family = rnd.pick(['bytes', 'bytes', 'envelope', 'payload'] as const);
  if (family === 'bytes') {
    const names = Object.keys(BYTE_MUTATIONS).filter((n) => n !== 'headerLines');
    const name = rnd.pick(names);
    const mutate = BYTE_MUTATIONS[name] as (typeof BYTE_MUTATIONS)[string];
    const { bytes, detail } = mutate(rnd, valid, Buffer.from(JSON.stringify({ format: 'liaison-log-config' })));
    return { bytes, detail: `bytes/${name}: ${detail}`, resigned: false };
  }
  const envelope = envelopeOf(valid) as unknown as Json;
  if (family === 'envelope') {
    const { value, detail } = editJson(rnd, envelope);
    return { bytes: Buffer.from(JSON.stringify(value)), detail: `envelope/${detail}`, resigned: false };
  }
  const payload = JSON.parse(envelopeOf(valid).payload) as Json;
  const { value, detail } = editJson(rnd, payload);
  return { bytes: resigned(hq, JSON.stringify(value)), detail: `payload/${detail}`, resigned: true };
}

describe('network configuration fuzz', () => {
  test(`${INPUTS} mutated files: each refused with nothing changed, or applied whole`, async () => {
    const base = network(installations);
    const valid = base.publish(DRAFT);
    const validPayload = envelopeOf(valid).payload;
    let post = base.post;
    let before: DatabaseDump = dumpDatabase(post.db);
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    for (let i = 0; i < INPUTS; i++) {
      const rnd = rngFor(SEED, i);
      const input = makeInput(rnd, valid, base.hq);
      // As the window sends a file: at most the limit and one byte more (enough to know it is too large).
      const bytes = new Uint8Array(input.bytes.subarray(0, MAX_CONFIG_BYTES + 1));
      const r = await post.call('networkConfig.apply', { bytes, dryRun: false });
      if (!r.ok) {
        const code = r.error.reason?.code ?? `(no code: ${r.error.code} ${r.error.message})`;
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        if (!r.error.reason) problems.push(`#${i} ${input.detail}: refused without a message code: ${r.error.message}`);
        if (JSON.stringify(dumpDatabase(post.db)) !== JSON.stringify(before)) {
          problems.push(`#${i} ${input.detail}: refused (${code}) but the database changed`);
        }
        continue;
      }
      outcomes.set('applied', (outcomes.get('applied') ?? 0) + 1);
      const stored = currentNetworkConfig(post.db);
      const same = post.db.prepare('SELECT payload FROM config_applied').get() as { payload: string };
      if (!input.resigned && same.payload !== validPayload) {
        problems.push(`#${i} ${input.detail}: applied a payload HQ never signed`);
      }
      if (!ConfigPayload.safeParse(stored).success) problems.push(`#${i} ${input.detail}: applied an invalid payload`);
      // Start again from a post that applied nothing.
      post = network(installations, { hq: 'hq' }).post;
      before = dumpDatabase(post.db);
    }
    expect(problems).toEqual([]);
    // The fuzz reached the checks it is meant to reach.
    for (const code of ['config.tampered', 'config.truncated', 'config.unknown_field', 'config.invalid']) {
      expect(outcomes.get(code) ?? 0, `${code} in ${JSON.stringify([...outcomes])}`).toBeGreaterThan(0);
    }
  }, 240_000);
});
