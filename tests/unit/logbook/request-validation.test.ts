import { describe, it, expect } from 'vitest';
import { InformationRequestInput } from '../../../shared/requests/schema';
import { failure, fieldCodes, requestInput, useLogbook, value, type Rec } from './helpers';

// The rules of an information request, checked where it matters: at the backend's door, which answers
// with stable field problem codes the form translates, and nothing is stored.

describe('request validation through requests.create', () => {
  const open = useLogbook();

  async function problems(fields: Record<string, unknown>): Promise<Record<string, string>> {
    const { backend } = open();
    const error = await failure(backend.invoke('requests.create', requestInput(fields)), 'invalid_input');
    const counts = await value<{ informationRequests: number }>(backend.invoke('stats.counts', {}));
    expect(counts.informationRequests).toBe(0);
    return fieldCodes(error);
  }

  it('an urgent request needs an urgency ground', async () => {
    expect(await problems({ urgency: 'urgent' })).toEqual({ urgencyGround: 'required' });
  });

  it('an urgent request with a ground is accepted', async () => {
    const { backend } = open();
    const r = await value(
      backend.invoke('requests.create', requestInput({ urgency: 'urgent', urgencyGround: 'life_or_integrity' })),
    );
    expect(r).toMatchObject({ urgency: 'urgent', urgencyGround: 'life_or_integrity' });
  });

  it('a refused request needs a refusal ground (Art. 6)', async () => {
    expect(await problems({ status: 'refused' })).toEqual({ refusalGround: 'required' });
  });

  it('a refusal ground outside (a)–(h) is not an option', async () => {
    expect(await problems({ status: 'refused', refusalGround: 'i' })).toEqual({ refusalGround: 'invalid_option' });
  });

  it('an answered request needs the moment it was answered', async () => {
    expect(await problems({ status: 'answered' })).toEqual({ answeredAt: 'required' });
  });

  it('the answer cannot come before the request', async () => {
    expect(
      await problems({
        status: 'answered',
        exchangedAt: '2026-03-02T09:30:00.000Z',
        answeredAt: '2026-03-02T09:29:59.000Z',
      }),
    ).toEqual({ answeredAt: 'before_exchange' });
  });

  it('compares instants, not strings: an answer with an offset at the same moment is fine', async () => {
    const { backend } = open();
    const r = await value(
      backend.invoke(
        'requests.create',
        requestInput({
          status: 'answered',
          exchangedAt: '2026-03-02T09:30:00.000Z',
          answeredAt: '2026-03-02T10:30+01:00',
        }),
      ),
    );
    expect(r['answeredAt']).toBe('2026-03-02T09:30:00.000Z');
  });

  it('an answer a few hours before the request in another offset is still rejected', async () => {
    // 08:30+00:00 written as 10:30+02:00: looks later as text, is earlier in time.
    expect(
      await problems({
        status: 'answered',
        exchangedAt: '2026-03-02T09:30:00.000Z',
        answeredAt: '2026-03-02T10:30+02:00',
      }),
    ).toEqual({ answeredAt: 'before_exchange' });
  });

  it('"other" as the reason for not using SIENA needs a description', async () => {
    expect(await problems({ channel: 'bilateral', nonSienaReason: 'other' })).toEqual({
      nonSienaReasonText: 'required',
    });
    expect(await problems({ channel: 'bilateral', nonSienaReason: 'other', nonSienaReasonText: '   ' })).toEqual({
      nonSienaReasonText: 'required',
    });
  });

  it('reports every broken rule at once', async () => {
    expect(await problems({ urgency: 'urgent', status: 'refused', nonSienaReason: 'other' })).toEqual({
      urgencyGround: 'required',
      refusalGround: 'required',
      nonSienaReasonText: 'required',
    });
  });

  it('rejects unknown fields, unknown channels and countries', async () => {
    const codes = await problems({ channel: 'carrier_pigeon', counterpartCountry: 'ZZ', colour: 'red' });
    expect(codes).toMatchObject({ channel: 'invalid_option', counterpartCountry: 'invalid_country' });
    expect(Object.values(codes)).toContain('unknown_field');
  });

  it('an old 7-field payload is still valid and gets the defaults of the new fields', async () => {
    const { backend } = open();
    const r = await value<Rec>(backend.invoke('requests.create', requestInput()));
    expect(r).toMatchObject({
      ...requestInput(),
      urgency: 'non_urgent',
      urgencyGround: null,
      accessibility: 'direct',
      nonSienaReason: null,
      nonSienaReasonText: '',
      answeredAt: null,
      refusalGround: null,
      judicialDeviation: false,
      deviationNote: '',
      spocCopied: false,
      spocExemption: '',
      europolCopied: false,
      phenomena: [],
      caseId: null,
      caseReference: '',
      notes: '',
    });
  });
});

describe('InformationRequestInput (the shared schema, as the form uses it)', () => {
  it('parses a 7-field payload with defaults', () => {
    const parsed = InformationRequestInput.parse(requestInput());
    expect(parsed.urgency).toBe('non_urgent');
    expect(parsed.accessibility).toBe('direct');
    expect(parsed.phenomena).toEqual([]);
  });

  it('carries the problem code in the issue params', () => {
    const result = InformationRequestInput.safeParse(requestInput({ status: 'answered' }));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === 'answeredAt');
    expect(issue).toMatchObject({ code: 'custom', params: { code: 'required' } });
  });

  it('a withdrawn or open request needs neither an answer nor a ground', () => {
    expect(InformationRequestInput.safeParse(requestInput({ status: 'withdrawn' })).success).toBe(true);
    expect(InformationRequestInput.safeParse(requestInput({ status: 'open' })).success).toBe(true);
  });
});
