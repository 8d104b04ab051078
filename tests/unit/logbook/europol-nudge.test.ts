import { describe, it, expect } from 'vitest';
import { shouldAskWhyNotSiena } from '../../../shared/requests/europol-nudge';

// Art. 13: SIENA is the default between member states. The form asks why another channel was used for an
// exchange with another member state; MLA/EIO and SIS/SIRENE have their own legal bases.

describe('shouldAskWhyNotSiena', () => {
  it.each(['bilateral', 'interpol', 'other'])('asks for an EU partner reached via %s', (channel) => {
    expect(shouldAskWhyNotSiena({ counterpartCountry: 'DE', channel, homeCountry: 'NL' })).toBe(true);
    expect(shouldAskWhyNotSiena({ counterpartCountry: 'ES', channel, homeCountry: 'NL' })).toBe(true);
  });

  it.each(['siena', 'mla_eio', 'sis_sirene'])('does not ask for an EU partner reached via %s', (channel) => {
    expect(shouldAskWhyNotSiena({ counterpartCountry: 'DE', channel, homeCountry: 'NL' })).toBe(false);
  });

  it.each(['CO', 'US', 'GB', 'CH', 'NO'])('does not ask for a partner outside the EU (%s)', (country) => {
    for (const channel of ['bilateral', 'interpol', 'other']) {
      expect(shouldAskWhyNotSiena({ counterpartCountry: country, channel, homeCountry: 'NL' })).toBe(false);
    }
  });

  it('does not ask about exchanges with the home country', () => {
    expect(shouldAskWhyNotSiena({ counterpartCountry: 'NL', channel: 'bilateral', homeCountry: 'NL' })).toBe(false);
    // ...but a Belgian post talking to the Netherlands bilaterally is asked.
    expect(shouldAskWhyNotSiena({ counterpartCountry: 'NL', channel: 'bilateral', homeCountry: 'BE' })).toBe(true);
  });

  it('asks when no home country is known and the partner is in the EU', () => {
    expect(shouldAskWhyNotSiena({ counterpartCountry: 'FR', channel: 'bilateral' })).toBe(true);
  });
});
