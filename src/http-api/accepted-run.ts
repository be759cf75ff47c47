import type { Context } from 'hono';
import type { RunView } from '../runs/run-view.ts';

/** A run a request started, answered at once: 202 `{ run }`, `Location: /runs/{id}`. */
export function acceptedRun(c: Context, run: RunView): Response {
  c.header('location', `/runs/${run.id}`);
  return c.json({ run }, 202);
}
