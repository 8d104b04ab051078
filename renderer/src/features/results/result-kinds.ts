/** Kinds of result that are counted: people arrested, victims safeguarded, targets identified. */
export const COUNTED_KINDS: readonly string[] = ['arrest', 'victim_safeguarded', 'hvt_identified'];
