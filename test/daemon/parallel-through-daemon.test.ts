import { describe, expect, it } from 'vitest';
import { createDaemonClient } from '../../src/daemon-client/daemon-client.ts';
import { parallelThroughDaemon } from '../../src/daemon-client/parallel-through-daemon.ts';
import { createEventBus } from '../../src/events/event-bus.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { serveInProcess } from './support/in-process-daemon.ts';

describe('a fan-out sent through the daemon', () => {
  it('is cancelled there when the command was interrupted before the daemon answered: its unanswered prompts end stopped', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const client = createDaemonClient({ pid: process.pid, port: daemon.port, token: daemon.token, started: '', cwd: '', version: 'test' });
    const interrupted = new AbortController();
    interrupted.abort();
    const prompts = Array.from({ length: 20 }, (_, index) => `prompt ${index}`);
    const { results } = await parallelThroughDaemon(client, { prompts, model: 'mock:default?latencyMs=1000', concurrency: 1 }, { events: createEventBus(), limiters: new Map() }, { abortSignal: interrupted.signal });
    expect(results).toHaveLength(20);
    expect(results.filter((result) => !result.ok && result.error.class === 'stopped').length).toBeGreaterThan(0);
    const { runs } = (await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ status: string }> };
    expect(runs).toMatchObject([{ status: 'cancelled' }]);
  });
});
