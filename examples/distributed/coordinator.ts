// examples/distributed/coordinator.ts: a pass whose dispatches `swarm worker` processes answer.
// Run a worker first (`swarm worker --redis redis://127.0.0.1:6379`), then this file.
import { openSwarm } from 'swarm';
import { bullmqBackend } from 'swarm/distributed';

const backend = bullmqBackend({ redis: process.env.SWARM_REDIS_URL ?? 'redis://127.0.0.1:6379' });
const swarm = openSwarm({ backend });
try {
  const table = await swarm.create({ file: 'examples/reviews.jsonl' });
  const result = await swarm.run(table.id, {
    instruction: 'Classify the sentiment of {text}',
    responseSchema: {
      type: 'object',
      properties: { sentiment: { type: 'string', enum: ['positive', 'negative', 'neutral'] } },
      required: ['sentiment'],
    },
    model: 'mock',
  });
  console.log(`${result.completed} answered, ${result.failed} failed, ${result.pending} pending`);
} finally {
  swarm.close();
  await backend.close();
}
