import { z } from 'zod';
import { RECORD_KINDS } from '../records/kinds';

// How long records are kept (issue 13, item 5). HQ's signed network configuration carries these rules
// (`retention` in the configuration file); a post without one uses DEFAULT_RETENTION. A record is past retention
// when its last change is older than the period of its kind; personal data (people, links to people, free-text
// notes) has its own, usually shorter, period. `null` means "keep" (no limit). A legal hold on a case keeps its
// records whatever the rules say.

/** A retention period in whole days: at least a week, at most a century. */
export const RetentionDays = z.number().int().min(7).max(36_500).nullable();

export const RetentionRules = z.strictObject({
  /** Per kind of record. */
  kinds: z.strictObject(
    Object.fromEntries(RECORD_KINDS.map((k) => [k, RetentionDays])) as Record<
      (typeof RECORD_KINDS)[number],
      typeof RetentionDays
    >,
  ),
  /** People, person links and free-text notes: the personal data within records that are otherwise kept. */
  personalData: RetentionDays,
});
export type RetentionRules = z.output<typeof RetentionRules>;

/** A post's rules until HQ's configuration says otherwise: five years for records, two for personal data. */
export const DEFAULT_RETENTION: RetentionRules = {
  kinds: {
    organisation: null,
    person: 730,
    engagement: 1826,
    request: 1826,
    result: 1826,
    case: 1826,
  },
  personalData: 730,
};
