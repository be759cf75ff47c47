/**
 * How a refilling provider enforces a per-minute limit. `per-minute`: one bucket holding the
 * whole minute, so a client may burst the full limit at once. `per-second`: the limit quantized,
 * as OpenAI and Anthropic document they may enforce it ("60,000 requests/minute may be enforced as
 * 1,000 requests/second"; "a rate of 60 requests per minute (RPM) may be enforced as 1 request per
 * second"): a bucket of limit/60 (at least 1) refilled at limit/60 per second. Gemini's fixed
 * windows are per minute whatever the shape.
 */
export type LimitShape = 'per-second' | 'per-minute';
