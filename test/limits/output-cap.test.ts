import { describe, expect, it } from 'vitest';
import { apiKeys, instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

// Anthropic charges a call's max_tokens against its output-token limit when the call starts.
describe('the output cap Swarm sets for Anthropic', () => {
  it('follows the answers instead of sending the model maximum, so the output limit holds many calls', async () => {
    const { swarm, requestLog } = await simulatedSwarm({ limits: { outputTokensPerMinute: 8_000 } });
    const table = await swarm.create({ tasks: numberedRows(60) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs.anthropic, batchSize: 1 });

    expect(result).toMatchObject({ completed: 60, failed: 0 });
    const log = requestLog('anthropic');
    // A one-field answer: 256 tokens a row from the first call (three times the schema's guess, at
    // least 256), and four times the longest answer seen (under 256) after: never the model's 64,000.
    expect(new Set(log.map((entry) => entry.maxOutputTokens))).toEqual(new Set([256]));
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(60);
    // Enforced per second, the 8,000 a minute is a bucket of 133 that a 256-token call can only
    // enter full: each call waits for the last one's refund. A call reaches the simulator some ms
    // after it leaves the limiter (more on a busy machine), so one refusal is allowed (under 2 %).
    expect(log.filter((entry) => entry.status === 429).length).toBeLessThanOrEqual(1);
  });

  it('asks again with room for the whole answer when one is cut off at its cap, and never keeps the cut one', async () => {
    const { swarm, requestLog, query } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(3) });
    // About 1,500 tokens of answer, behind a $ref the first guess does not follow: over the first caps.
    const longSchema = {
      type: 'object',
      properties: { essay: { $ref: '#/definitions/essay' } },
      required: ['essay'],
      definitions: { essay: { type: 'string', minLength: 6_000 } },
    };

    const result = await swarm.run(table.id, { instruction, responseSchema: longSchema, model: modelSpecs.anthropic, batchSize: 1, concurrency: 1 });

    expect(result).toMatchObject({ completed: 3, failed: 0 });
    const rows = await swarm.rows(table.id, { columns: ['essay'] });
    for (const row of rows) expect((row.essay as string).length).toBeGreaterThanOrEqual(6_000);
    // The first row was cut at 256 and at 1,024, then answered at 4,096; later rows get four times
    // its ~1,500-token answer.
    expect(requestLog('anthropic').map((entry) => entry.maxOutputTokens)).toEqual([256, 1024, 4096, 6012, 6012]);
    expect(query('SELECT status, error_class FROM attempts ORDER BY id')).toEqual([
      { status: 'invalid', error_class: 'truncated' },
      { status: 'invalid', error_class: 'truncated' },
      { status: 'ok', error_class: null },
      { status: 'ok', error_class: null },
      { status: 'ok', error_class: null },
    ]);
  });

  it('starts from what the schema says of lengths, so a long answer is not cut off first', async () => {
    const { swarm, requestLog, query } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(4) });
    const essaySchema = { type: 'object', properties: { essay: { type: 'string', minLength: 3_000 } }, required: ['essay'] };

    const result = await swarm.run(table.id, { instruction, responseSchema: essaySchema, model: modelSpecs.anthropic, batchSize: 1 });

    expect(result).toMatchObject({ completed: 4, failed: 0 });
    // About 750 tokens of answer; the first cap, from minLength, leaves room for it.
    expect(requestLog('anthropic')).toHaveLength(4);
    expect(requestLog('anthropic')[0]!.maxOutputTokens).toBeGreaterThan(750);
    expect(query(`SELECT count(*) AS n FROM attempts WHERE error_class = 'truncated'`)).toEqual([{ n: 0 }]);
  });

  it('leaves a cap the user set alone, and fails a row whose answer it cuts off', async () => {
    const { swarm, requestLog } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(2) });
    const longSchema = { type: 'object', properties: { essay: { type: 'string', minLength: 2_000 } }, required: ['essay'] };

    const result = await swarm.run(table.id, { instruction, responseSchema: longSchema, model: modelSpecs.anthropic, batchSize: 1, maxOutputTokens: 100 });

    expect(result).toMatchObject({ completed: 0, failed: 2 });
    expect(result.failures[0]).toMatchObject({ errorClass: 'truncated', error: 'the answer was cut off at maxOutputTokens (100): raise maxOutputTokens (--max-output-tokens; in a task file, worker_max_tokens)' });
    expect(requestLog('anthropic').map((entry) => entry.maxOutputTokens)).toEqual([100, 100]);
    expect(JSON.stringify(result.failures)).not.toContain(apiKeys.anthropic);
  });
});
