// Information-exchange channels. Labels live in the renderer's translations, keyed by code.
// SIENA is the default channel between EU member states (Directive (EU) 2023/977, Art. 13).

export const CHANNEL_CODES = ['siena', 'interpol', 'sis_sirene', 'bilateral', 'mla_eio', 'other'] as const;
export type ChannelCode = (typeof CHANNEL_CODES)[number];

export const DEFAULT_CHANNEL: ChannelCode = 'siena';
