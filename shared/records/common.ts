import { z } from 'zod';
import { Id, isRealDateTime } from '../validation/primitives';
import { RecordOrigin } from './origin';

// What every logbook record carries besides its own fields: a stable id, a revision that grows with each
// save (exports merge newest-wins on it), timestamps, `deletedAt` while it sits in the trash, and `origin`:
// null for this installation's own records, the post and import for a record HQ imported (read-only at HQ).

export const RecordMeta = {
  id: Id,
  revision: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  origin: RecordOrigin.nullable(),
};

/** A code from an editable taxonomy (phenomena, organisation types...). Existence is checked by the backend. */
export const TermCode = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { error: 'Not a valid code.' });

/** A set of phenomena: the same code twice means it once. */
export const Phenomena = z
  .array(TermCode)
  .max(20)
  .default([])
  .transform((codes) => [...new Set(codes)]);

export const IdList = z.array(Id).max(200).default([]);

/** A calendar date without time, YYYY-MM-DD (follow-ups, result dates). */
export const CalendarDate = z.string().refine((s) => isRealDateTime(s, false), {
  error: 'Enter a valid date.',
  params: { code: 'invalid_date' },
});

export const Notes = z.string().trim().max(10_000).default('');
