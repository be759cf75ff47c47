import type { WorkerScript } from '../../src/task/worker-script.ts';

const tagline = {
  type: 'object',
  properties: { tagline: { type: 'string', description: 'at most eight words' } },
  required: ['tagline'],
};

/**
 * A worker script for custom.yaml: drafts a description from the task's prompt, then asks for a
 * tagline aimed at the row's audience as JSON. Returns the columns to write for the row.
 */
export default (async (row, { call, prompt }) => {
  const description = await call([{ role: 'user', content: prompt }]);
  const answer = await call(
    [
      { role: 'user', content: prompt },
      { role: 'assistant', content: description },
      { role: 'user', content: `Now write a tagline for ${String(row.audience)}, as JSON.` },
    ],
    { schema: tagline, maxTokens: 100 },
  );
  const parsed: unknown = JSON.parse(answer);
  const text = typeof parsed === 'object' && parsed !== null && 'tagline' in parsed ? String(parsed.tagline) : answer;
  return { description, tagline: text };
}) satisfies WorkerScript;
