import { parseRequest } from '../../api-requests/parse-request.ts';
import { createTableSchema, createTableShape } from '../../api-requests/table-source-schema.ts';
import type { TableSource } from '../../table/sources/table-source.ts';
import type { QuickTool } from '../mcp-tool.ts';

/** `swarm_create`: a table from records, a data file, a glob or file paths → `{ id, count, columns }`. */
export const swarmCreateTool: QuickTool = {
  name: 'swarm_create',
  title: 'Create a Swarm table',
  description:
    'Create a table of rows to fan work out over: give exactly one of `tasks` (records, each with an id), `file` (a .jsonl/.csv/.json file), `glob` (one row per matching file) or `filePaths`. Returns { id, count, columns }; then call swarm_run with the id.',
  inputSchema: createTableShape,
  async call(args, { swarm }) {
    const { id, maxFileBytes, ...source } = parseRequest(createTableSchema, args, 'swarm_create');
    return { ...(await swarm.create(source as TableSource, { id, maxFileBytes })) };
  },
};
