import type { LimitName } from './limits/limit-name.ts';

/** An error the simulator answers with, rendered by each provider dialect in its own format. */
export type SimulatedError =
  | {
      kind: 'rate-limit';
      model: string;
      limit: LimitName | 'maxInFlight';
      limitValue: number;
      used: number;
      requested: number;
      retryAfterMs: number;
    }
  /**
   * A 429 from a server that states no limit (`LimitDisclosure` other than `full`): the wait only
   * when `retryAfterMs` is given; `tooLarge` when the call alone exceeds a limit.
   */
  | { kind: 'undisclosed-rate-limit'; retryAfterMs: number | undefined; tooLarge: boolean }
  /** The call alone exceeds a limit, so waiting cannot help. */
  | { kind: 'request-too-large'; model: string; limit: LimitName; limitValue: number; requested: number }
  | { kind: 'missing-key' }
  | { kind: 'auth' }
  | { kind: 'billing'; model: string }
  /** A spend limit or daily quota used up; `retryAfterMs` is when it renews. */
  | { kind: 'quota'; model: string; retryAfterMs: number }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'overloaded' }
  /**
   * `param` and `code`: what OpenAI names in its body (a refused schema: `response_format`,
   * `invalid_json_schema`); `details`: what Gemini adds (a `google.rpc.BadRequest` naming the fields).
   */
  | { kind: 'bad-request'; message: string; param?: string; code?: string | null; details?: unknown[] }
  | { kind: 'not-found'; message: string };
