import { z } from 'zod';

// Directive (EU) 2023/977, Article 18: statistics each member state sends the Commission by 1 March for the
// previous calendar year. Exactly four breakdowns; see docs/art18.md for which records count and why.

export const Art18Input = z.strictObject({ year: z.number().int().min(2023).max(2100) });

const ByState = z.array(z.strictObject({ memberState: z.string(), count: z.number().int() }));

export const Art18Report = z.strictObject({
  year: z.number().int(),
  /** Calendar year on this clock (HQ's time zone setting). */
  timeZone: z.string(),
  generatedAt: z.string(),
  /** (a) Requests submitted (outgoing to other member states). */
  submitted: z.strictObject({ total: z.number().int(), byMemberState: ByState }),
  /** (b) Requests received and answered, by urgency and requesting member state. */
  received: z.strictObject({
    total: z.number().int(),
    answered: z.number().int(),
    byMemberState: z.array(
      z.strictObject({
        memberState: z.string(),
        receivedUrgent: z.number().int(),
        receivedNonUrgent: z.number().int(),
        answeredUrgent: z.number().int(),
        answeredNonUrgent: z.number().int(),
      }),
    ),
  }),
  /** (c) Refusals, by requesting member state and Art. 6(1) ground. */
  refusals: z.strictObject({
    total: z.number().int(),
    byMemberStateAndGround: z.array(
      z.strictObject({ memberState: z.string(), ground: z.string(), count: z.number().int() }),
    ),
  }),
  /** (d) Deadline deviations for judicial authorisation (Art. 5(2)), by requesting member state. */
  deviations: z.strictObject({ total: z.number().int(), byMemberState: ByState }),
  /** What was looked at and why records were left out, so the figures can be checked. */
  basis: z.strictObject({
    requestsInYear: z.number().int(),
    counted: z.number().int(),
    excluded: z.strictObject({
      notAMemberState: z.number().int(),
      homeCountry: z.number().int(),
      judicialChannel: z.number().int(),
    }),
  }),
});
export type Art18Report = z.output<typeof Art18Report>;

export const REPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export const Art18FileInput = z.strictObject({
  year: z.number().int().min(2023).max(2100),
  format: z.enum(REPORT_FORMATS),
});

/** Any table on screen, to be saved as CSV or XLSX with the same code path as the Article 18 export. */
export const TableFileInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  columns: z
    .array(z.strictObject({ key: z.string().max(60), header: z.string().max(200) }))
    .min(1)
    .max(50),
  rows: z.array(z.record(z.string(), z.union([z.string().max(2000), z.number(), z.null()]))).max(100_000),
  format: z.enum(['csv', 'xlsx']),
});
