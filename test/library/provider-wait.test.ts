import { describe, expect, it } from 'vitest';
import { labelSchema, numberedTasks, tempSwarm } from './support/temp-swarm.ts';

describe('a key the provider holds for hours', () => {
  it('stops a new pass before any call, naming the deadline, with nothing written', async () => {
    const { swarm, query } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const until = Date.now() + 3_600_000;
    swarm.context.limiters.limiterFor('mock|default', { maxConcurrency: 4, initialConcurrency: 4, adaptive: true }).park(until);

    await expect(swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock' })).rejects.toThrow(
      new Date(until).toISOString(),
    );
    expect(query('SELECT * FROM attempts')).toHaveLength(0);
    expect(query('SELECT * FROM passes')).toHaveLength(0);
  });
});
