/** Kinds of result that are counted: people arrested, victims safeguarded, targets identified. */
export const COUNTED_KINDS = ['arrest', 'victim_safeguarded', 'hvt_identified'] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];

export function isCountedKind(kind: string): kind is CountedKind {
  return (COUNTED_KINDS as readonly string[]).includes(kind);
}
