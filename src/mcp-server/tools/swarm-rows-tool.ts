import { z } from 'zod';
import { rowsQueryShape } from '../../api-requests/rows-query-schema.ts';
import type { RowFilter } from '../../filter/row-filter.ts';
import type { QuickTool } from '../mcp-tool.ts';

/** `swarm_rows`: a table's rows, filtered and projected. */
export const swarmRowsTool: QuickTool = {
  name: 'swarm_rows',
  title: 'Read rows of a Swarm table',
  description: 'Read rows of a table: `filter` (e.g. {"status":"failed"} for the last pass\'s failures, {"column":"label","equals":"spam"}), `columns`, `limit`. Returns { rows }.',
  inputSchema: { tableId: z.string().min(1).describe('The table id (from swarm_create).'), ...rowsQueryShape },
  async call(args, { swarm }) {
    const { tableId, filter, columns, limit } = args as { tableId: string; filter?: RowFilter; columns?: string[]; limit?: number };
    return { rows: await swarm.rows(tableId, { filter, columns, limit }) };
  },
};
