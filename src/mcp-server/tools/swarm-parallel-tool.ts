import { parallelRequestShape } from '../../api-requests/parallel-request-schema.ts';
import type { RunTool } from '../mcp-tool.ts';

/** `swarm_parallel`: a prompt fan-out; the library's `parallel(prompts, options)`. */
export const swarmParallelTool: RunTool = {
  name: 'swarm_parallel',
  title: 'Fan prompts out in parallel',
  description:
    'Send each prompt as its own model call, as many at once as the provider allows. Returns { results, stats }: results in the order given, each { index, ok: true, text } (or `output` with a `schema`) or { index, ok: false, error: { message, class } }.',
  inputSchema: parallelRequestShape,
  kind: 'parallel',
  request: (args) => args,
};
