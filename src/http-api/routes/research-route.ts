import { researchRequestSchema } from '../../api-requests/research-request-schema.ts';
import { acceptedRun } from '../accepted-run.ts';
import type { ApiRoute } from '../api-route.ts';
import { readJsonBody } from '../read-json-body.ts';

/** `POST /research`: what `swarm research A B --topic T` does, as a plan run in the daemon. */
export const researchRoute: ApiRoute = {
  method: 'POST',
  path: '/research',
  summary:
    'Research subjects on a topic, as `swarm research` does: `{ subjects, topic, model?, search?, sourcesPerSubject? }`; per subject search → fetch → analyze, then one report citing its sources. A plan run (kind `research`): follow it at /runs/{id}/events; its result has the report as the `synthesize` task\'s result.',
  body: researchRequestSchema,
  responses: {
    202: { description: '`{ run: { id, kind: "research", status, progress } }`; Location: /runs/{id}.' },
    400: { description: 'Refused before any call (no subject, no topic, no model chosen, a model without web search with `search: "provider"`): `{ error }`.' },
  },
  async handler(c, { runs }) {
    return acceptedRun(c, await runs.start('research', await readJsonBody(c, researchRequestSchema, 'research request')));
  },
};
