import { researchRequestShape } from '../../api-requests/research-request-schema.ts';
import type { RunTool } from '../mcp-tool.ts';

/** `swarm_research`: what `swarm research A B --topic T` does, as a task. */
export const swarmResearchTool: RunTool = {
  name: 'swarm_research',
  title: 'Research subjects on a topic',
  description:
    'Research each subject on a topic with web search, side by side (per subject: search → fetch → analyze), then write one report that cites its sources. Returns the plan run: { id, completed, failed, skipped, pending, tasks }; the report is tasks.synthesize.result ({ report, sources }).',
  inputSchema: researchRequestShape,
  kind: 'research',
  request: (args) => args,
};
