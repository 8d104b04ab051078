import { isEuMemberState } from '../taxonomy/countries';

// The Europol-first nudge: SIENA is the default channel between member states (Art. 13). When an exchange
// with another member state goes elsewhere, the form asks why, without blocking the officer. The judicial
// channel (MLA / EIO) and SIS/SIRENE have their own legal bases and are not asked about.

const CHANNELS_OUTSIDE_THE_QUESTION = new Set(['siena', 'mla_eio', 'sis_sirene']);

export function shouldAskWhyNotSiena(facts: {
  counterpartCountry: string;
  channel: string;
  homeCountry?: string;
}): boolean {
  return (
    isEuMemberState(facts.counterpartCountry) &&
    facts.counterpartCountry !== facts.homeCountry &&
    !CHANNELS_OUTSIDE_THE_QUESTION.has(facts.channel)
  );
}
