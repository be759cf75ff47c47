import { describe, expect, it } from 'vitest';
import { createLimitLedger, type LedgerEnforcement } from './create-limit-ledger.ts';

const charge = { inputTokens: 10, outputTokens: 20 };
const minuteBuckets: LedgerEnforcement = { windowKind: 'continuous', shape: 'per-minute' };
const secondBuckets: LedgerEnforcement = { windowKind: 'continuous', shape: 'per-second' };
const fixedWindows: LedgerEnforcement = { windowKind: 'fixed', shape: 'per-second' };

describe('createLimitLedger', () => {
  it('charges every window on admission and rejects without charging', () => {
    const ledger = createLimitLedger({ requestsPerMinute: 2, tokensPerMinute: 1000 }, minuteBuckets, 0);
    expect(ledger.admit(charge, 0, 0).admitted).toBe(true);
    expect(ledger.admit(charge, 0, 0).admitted).toBe(true);
    const third = ledger.admit(charge, 0, 0);
    expect(third).toMatchObject({ admitted: false, rejection: { limit: 'requestsPerMinute', limitValue: 2, used: 2, requested: 1, retryAfterMs: 30_000 } });
    expect(ledger.status(0).tokensPerMinute).toMatchObject({ limit: 1000, remaining: 940 });
  });

  it('reports the limit with the longest wait when several are exceeded', () => {
    const ledger = createLimitLedger({ requestsPerMinute: 1, tokensPerDay: 40 }, minuteBuckets, 0);
    ledger.admit(charge, 0, 0);
    const rejected = ledger.admit(charge, 0, 0);
    // 20 tokens short, refilling at 40 per day.
    expect(rejected).toMatchObject({ admitted: false, rejection: { limit: 'tokensPerDay', used: 30, requested: 30, retryAfterMs: 43_200_000 } });
  });

  it('rejects over maxInFlight until the first call in flight is due to end', () => {
    const ledger = createLimitLedger({ maxInFlight: 1 }, minuteBuckets, 0);
    const first = ledger.admit(charge, 500, 0);
    expect(ledger.admit(charge, 900, 100)).toMatchObject({ admitted: false, rejection: { limit: 'maxInFlight', retryAfterMs: 400 } });
    if (!first.admitted) throw new Error('first call rejected');
    first.ticket.finish(0, 200);
    expect(ledger.admit(charge, 900, 200).admitted).toBe(true);
    expect(ledger.inFlight).toBe(1);
  });

  it('refunds unused output to the windows that count output', () => {
    const ledger = createLimitLedger({ outputTokensPerMinute: 100, inputTokensPerMinute: 100 }, minuteBuckets, 0);
    const admission = ledger.admit({ inputTokens: 10, outputTokens: 100 }, 0, 0);
    if (!admission.admitted) throw new Error('rejected');
    admission.ticket.finish(80, 0);
    admission.ticket.finish(80, 0);
    expect(ledger.status(0)).toMatchObject({ outputTokensPerMinute: { remaining: 80 }, inputTokensPerMinute: { remaining: 90 } });
  });

  it('adds, resizes and lifts limits', () => {
    const ledger = createLimitLedger({ requestsPerMinute: 1 }, fixedWindows, 0);
    ledger.admit(charge, 0, 0);
    ledger.setLimits({ requestsPerMinute: 3, requestsPerDay: 1 }, 0);
    expect(ledger.status(0)).toMatchObject({ requestsPerMinute: { remaining: 2 }, requestsPerDay: { remaining: 1 } });
    ledger.setLimits({}, 0);
    expect(ledger.status(0)).toEqual({});
  });

  it('quantizes per-minute limits per second, and leaves per-day limits whole', () => {
    const ledger = createLimitLedger({ requestsPerMinute: 600, requestsPerDay: 1000 }, secondBuckets, 0);
    for (let call = 0; call < 10; call++) expect(ledger.admit(charge, 0, 0).admitted).toBe(true);
    expect(ledger.admit(charge, 0, 0)).toMatchObject({ admitted: false, rejection: { limit: 'requestsPerMinute', limitValue: 600, used: 600, retryAfterMs: 100 } });
    // The headers still speak of the minute, and of the whole day.
    expect(ledger.status(0)).toMatchObject({ requestsPerMinute: { limit: 600, remaining: 590, resetMs: 1000 }, requestsPerDay: { remaining: 990 } });
    expect(ledger.admit(charge, 0, 100).admitted).toBe(true);
  });

  it('keeps Gemini fixed windows per minute whatever the shape', () => {
    const ledger = createLimitLedger({ requestsPerMinute: 600 }, fixedWindows, 0);
    for (let call = 0; call < 600; call++) expect(ledger.admit(charge, 0, 0).admitted).toBe(true);
    expect(ledger.admit(charge, 0, 0)).toMatchObject({ admitted: false, rejection: { retryAfterMs: 60_000 } });
  });
});
