import { z } from 'zod';
import { runOptionsShape } from '../../api-requests/run-options-schema.ts';
import type { RunTool } from '../mcp-tool.ts';

// Command passes run shell commands: an agent has its own shell tool, under its host's permissions,
// and Swarm's tools are no way around them.
const { command: _command, isolation: _isolation, cwd: _cwd, passEnv: _passEnv, maxOutputBytes: _maxOutputBytes, ...modelRunOptionsShape } = runOptionsShape;

/** `swarm_run`: a model pass over a table, as a task; the library's `run(tableId, options)`. */
export const swarmRunTool: RunTool = {
  name: 'swarm_run',
  title: 'Run a Swarm pass',
  description:
    'Run a pass over a table: one structured answer per row from `instruction` (a template with {column} placeholders) and `responseSchema` (JSON Schema, type "object"; its properties become columns), by a model or, with `subagentType`, an agent loop. Rows already answered by an earlier run of the same pass are skipped, so calling it again resumes. Returns { completed, failed, skipped, pending, failures, usage }; read the answers with swarm_rows.',
  inputSchema: { tableId: z.string().min(1).describe('The table id (from swarm_create).'), ...modelRunOptionsShape },
  kind: 'pass',
  request: ({ tableId, ...options }) => ({ tableId, options }),
};
