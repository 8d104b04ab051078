// Codes from Directive (EU) 2023/977, kept as data with their article references. Labels are translated
// in the renderer by code.

/** Grounds that make a request urgent (as mirrored in national implementations). */
export const URGENCY_GROUNDS = [
  'public_security',
  'life_or_integrity',
  'deprivation_of_liberty',
  'loses_relevance',
] as const;

/** Art. 6(1)(a)–(h): the only grounds on which a request may be refused. */
export const REFUSAL_GROUNDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/** Art. 13: why SIENA was not used for an exchange with another member state, or another reason. */
export const NON_SIENA_REASONS = ['third_party', 'urgency', 'incident', 'other'] as const;
