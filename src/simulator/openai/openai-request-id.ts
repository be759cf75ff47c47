import { randomId } from '../random-id.ts';

/** A fresh OpenAI request id (`req_` and 32 characters), as sent in `x-request-id`. */
export function openaiRequestId(): string {
  return `req_${randomId(32)}`;
}
