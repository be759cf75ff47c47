import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from './secret-redactor.ts';

describe('createSecretRedactor', () => {
  it("redacts the keys it was told, its environment's key variables and key-shaped text; another redactor keeps its own", () => {
    const here = createSecretRedactor({ LOCAL_LLM_KEY: 'local-secret-value', HOME: '/home/someone' });
    const there = createSecretRedactor({});
    here.remember('custom-credential-1234');
    expect(here.redact('custom-credential-1234 local-secret-value sk-abcdefghij /home/someone')).toBe('[redacted] [redacted] [redacted] /home/someone');
    expect(there.redact('custom-credential-1234 local-secret-value')).toBe('custom-credential-1234 local-secret-value');
  });

  it('ignores values too short to be a key', () => {
    const redactor = createSecretRedactor({});
    redactor.remember('short');
    expect(redactor.redact('a short word')).toBe('a short word');
  });
});
