import { describe, it, expect } from 'vitest';
import { DEFAULT_TERMS } from '../../../shared/taxonomy/defaults';
import {
  create,
  engagementInput,
  failure,
  fieldCodes,
  listIds,
  organisationInput,
  requestInput,
  useLogbook,
  value,
  type Rec,
} from './helpers';

// Editable taxonomies: defaults are seeded; officers may add, relabel and retire terms; groups are one
// level deep; retired terms stay on the records that use them.

interface Term {
  taxonomy: string;
  code: string;
  labelEn: string;
  labelNl: string;
  parentCode: string | null;
  iccs: string;
  retiredAt: string | null;
}

const term = (overrides: Partial<Term>): Omit<Term, 'retiredAt'> => ({
  taxonomy: 'phenomenon',
  code: 'wildlife_trafficking',
  labelEn: 'Wildlife trafficking',
  labelNl: 'Handel in beschermde dieren',
  parentCode: null,
  iccs: '',
  ...overrides,
});

describe('taxonomy.list', () => {
  const open = useLogbook();

  it('returns the default phenomena, in their order, with groups', async () => {
    const { backend } = open();
    const phenomena = await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'phenomenon' }));
    expect(phenomena).toEqual(DEFAULT_TERMS.filter((t) => t.taxonomy === 'phenomenon'));
    expect(phenomena.find((t) => t.code === 'cocaine')).toMatchObject({ parentCode: 'drugs', labelNl: 'Cocaïne' });
    expect(phenomena.map((t) => t.code)).toEqual(
      expect.arrayContaining(['drugs', 'cocaine', 'money_laundering', 'migrant_smuggling', 'online_crime']),
    );
    // Every group is top-level.
    const byCode = new Map(phenomena.map((t) => [t.code, t]));
    for (const t of phenomena) if (t.parentCode) expect(byCode.get(t.parentCode)?.parentCode ?? null).toBeNull();
  });

  it('returns the default organisation types', async () => {
    const { backend } = open();
    const types = await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'organisation_type' }));
    expect(types.map((t) => t.code)).toEqual([
      'police',
      'customs',
      'prosecution',
      'ministry',
      'intelligence',
      'europol',
      'interpol_ncb',
      'foreign_lo',
      'other',
    ]);
  });

  it('refuses an unknown taxonomy', async () => {
    const { backend } = open();
    await failure(backend.invoke('taxonomy.list', { taxonomy: 'colours' }), 'invalid_input');
  });
});

describe('taxonomy.save', () => {
  const open = useLogbook();

  it('adds a term at the end of the list, and it can be used at once', async () => {
    const { backend } = open();
    const saved = await value<Term>(backend.invoke('taxonomy.save', term({ parentCode: 'environmental_crime' })));
    expect(saved).toEqual({ ...term({ parentCode: 'environmental_crime' }), retiredAt: null });
    const all = await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'phenomenon' }));
    expect(all.at(-1)?.code).toBe('wildlife_trafficking');
    const r = await create(backend, 'requests', requestInput({ phenomena: ['wildlife_trafficking'] }));
    // ...and the group finds it.
    expect(await listIds(backend, 'requests', { filters: { phenomenon: 'environmental_crime' } })).toEqual([r.id]);
  });

  it('a new organisation type can be used for organisations', async () => {
    const { backend } = open();
    await failure(backend.invoke('organisations.create', organisationInput({ type: 'coast_guard' })), 'invalid_input');
    await value(
      backend.invoke(
        'taxonomy.save',
        term({ taxonomy: 'organisation_type', code: 'coast_guard', labelEn: 'Coast guard', labelNl: 'Kustwacht' }),
      ),
    );
    expect(await create(backend, 'organisations', organisationInput({ type: 'coast_guard' }))).toMatchObject({
      type: 'coast_guard',
    });
  });

  it('relabels an existing term in place, keeping its position', async () => {
    const { backend } = open();
    const before = await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'phenomenon' }));
    await value(
      backend.invoke(
        'taxonomy.save',
        term({
          code: 'cocaine',
          labelEn: 'Cocaine (incl. base)',
          labelNl: 'Cocaïne (incl. base)',
          parentCode: 'drugs',
          iccs: '060121',
        }),
      ),
    );
    const after = await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'phenomenon' }));
    expect(after.map((t) => t.code)).toEqual(before.map((t) => t.code));
    expect(after.find((t) => t.code === 'cocaine')).toMatchObject({ labelEn: 'Cocaine (incl. base)', iccs: '060121' });
  });

  it('the group must exist', async () => {
    const { backend } = open();
    const error = await failure(
      backend.invoke('taxonomy.save', term({ parentCode: 'no_such_group' })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ parentCode: 'unknown_term' });
  });

  it('the group must be top-level: groups are one level deep', async () => {
    const { backend } = open();
    const error = await failure(backend.invoke('taxonomy.save', term({ parentCode: 'cocaine' })), 'invalid_input');
    expect(fieldCodes(error)).toEqual({ parentCode: 'invalid' });
  });

  it('a term cannot be its own group', async () => {
    const { backend } = open();
    const error = await failure(
      backend.invoke('taxonomy.save', term({ code: 'drugs', parentCode: 'drugs' })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ parentCode: 'invalid' });
  });

  it('a group that has members cannot itself be put under another group', async () => {
    const { backend } = open();
    // drugs has members (cocaine, ...): moving it under hrcn would make cocaine two levels deep.
    const error = await failure(
      backend.invoke('taxonomy.save', term({ code: 'drugs', labelEn: 'Drugs', labelNl: 'Drugs', parentCode: 'hrcn' })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ parentCode: 'invalid' });
    const drugs = (await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'phenomenon' }))).find(
      (t) => t.code === 'drugs',
    );
    expect(drugs?.parentCode).toBeNull();
    // Relabelling the group while it stays top-level is fine.
    const relabelled = await value<Term>(
      backend.invoke('taxonomy.save', term({ code: 'drugs', labelEn: 'Drug trafficking', labelNl: 'Drugshandel' })),
    );
    expect(relabelled).toMatchObject({ labelEn: 'Drug trafficking', parentCode: null });
  });

  it('the group is looked up in the same taxonomy', async () => {
    const { backend } = open();
    const error = await failure(
      backend.invoke('taxonomy.save', term({ taxonomy: 'organisation_type', code: 'drug_unit', parentCode: 'drugs' })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ parentCode: 'unknown_term' });
  });

  it('refuses malformed codes and ICCS codes', async () => {
    const { backend } = open();
    let error = await failure(backend.invoke('taxonomy.save', term({ code: 'Wildlife Trafficking' })), 'invalid_input');
    expect(Object.keys(error.fields ?? {})).toEqual(['code']);
    error = await failure(backend.invoke('taxonomy.save', term({ iccs: '123' })), 'invalid_input');
    expect(Object.keys(error.fields ?? {})).toEqual(['iccs']);
  });
});

describe('taxonomy.retire', () => {
  const open = useLogbook();

  it('marks the term retired with the clock’s time, and can bring it back', async () => {
    const { backend, clock } = open();
    const retired = await value<Term>(
      backend.invoke('taxonomy.retire', { taxonomy: 'phenomenon', code: 'heroin', retired: true }),
    );
    expect(retired).toMatchObject({ code: 'heroin', retiredAt: clock.now().toISOString() });
    const listed = await value<Term[]>(backend.invoke('taxonomy.list', { taxonomy: 'phenomenon' }));
    expect(listed.find((t) => t.code === 'heroin')?.retiredAt).toBe(clock.now().toISOString());
    const back = await value<Term>(
      backend.invoke('taxonomy.retire', { taxonomy: 'phenomenon', code: 'heroin', retired: false }),
    );
    expect(back.retiredAt).toBeNull();
  });

  it('keeps the term on existing records: they read back, list, filter and save with it', async () => {
    const { backend } = open();
    const r = await create(backend, 'requests', requestInput({ phenomena: ['heroin'] }));
    const e = await create(backend, 'engagements', engagementInput({ phenomena: ['heroin', 'cocaine'] }));
    await value(backend.invoke('taxonomy.retire', { taxonomy: 'phenomenon', code: 'heroin', retired: true }));

    expect(await value<Rec>(backend.invoke('requests.get', { id: r.id }))).toMatchObject({ phenomena: ['heroin'] });
    expect(await value<Rec>(backend.invoke('engagements.get', { id: e.id }))).toMatchObject({
      phenomena: ['heroin', 'cocaine'],
    });
    expect(await listIds(backend, 'requests', { filters: { phenomenon: 'heroin' } })).toEqual([r.id]);
    expect(await listIds(backend, 'requests', { filters: { phenomenon: 'drugs' } })).toEqual([r.id]);

    // Editing something else on the record keeps the retired term and is not refused.
    const edited = await value<Rec>(
      backend.invoke('requests.update', {
        id: r.id,
        revision: 1,
        fields: requestInput({ phenomena: ['heroin'], notes: 'Chased' }),
      }),
    );
    expect(edited).toMatchObject({ revision: 2, phenomena: ['heroin'], notes: 'Chased' });
  });

  it('an unknown term is not found', async () => {
    const { backend } = open();
    await failure(
      backend.invoke('taxonomy.retire', { taxonomy: 'phenomenon', code: 'no_such_term', retired: true }),
      'not_found',
    );
    // A phenomenon code is not an organisation type.
    await failure(
      backend.invoke('taxonomy.retire', { taxonomy: 'organisation_type', code: 'cocaine', retired: true }),
      'not_found',
    );
  });
});
