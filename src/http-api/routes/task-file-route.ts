import { taskFileRequestSchema } from '../../api-requests/task-file-request-schema.ts';
import { acceptedRun } from '../accepted-run.ts';
import type { ApiRoute } from '../api-route.ts';
import { readJsonBody } from '../read-json-body.ts';

/** `POST /task-files`: what `swarm run task.yaml` does, as a run in the daemon. */
export const taskFileRoute: ApiRoute = {
  method: 'POST',
  path: '/task-files',
  summary:
    "Run a task file's job, as `swarm run task.yaml` does: `{ file, total?, pilot? }`, the file (and its seeds, worker script and output) on the daemon's machine, relative paths against its folder. Its pass runs under the daemon's limiters and writes the output file as it goes; follow it at /runs/{id}/events. Run again, it resumes.",
  body: taskFileRequestSchema,
  responses: {
    202: { description: '`{ run: { id, kind: "task-file", status, progress } }`; Location: /runs/{id}. Its result is `{ tableId, seeds, pass, outputFile, model }`.' },
    400: { description: 'A task file refused before any call (its problems named with the file and line): `{ error }`.' },
    409: { description: "The task's pass is already running." },
  },
  async handler(c, { runs }) {
    return acceptedRun(c, await runs.start('task-file', await readJsonBody(c, taskFileRequestSchema, 'task file request')));
  },
};
