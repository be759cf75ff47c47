import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSwarm } from '../swarm/open-swarm.ts';
import { autoConcurrencyCap } from './model-limiter.ts';
import { passDefaults } from './pass-defaults.ts';
import { preparePass } from './prepare-pass.ts';

const responseSchema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };

function openTemp() {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-prepare-'));
  const swarm = openSwarm({ dir: path.join(root, 'store'), cwd: root, config: { aliases: {}, providers: {}, prices: {} }, env: {} });
  onTestFinished(() => {
    swarm.close();
    rmSync(root, { recursive: true, force: true });
  });
  return swarm;
}

describe('preparePass', () => {
  it('applies every default once, into one frozen object', async () => {
    const swarm = openTemp();
    const table = await swarm.create({ tasks: [{ id: 'a', text: 'fine' }] });
    const pass = preparePass(swarm.context, table.id, { instruction: 'Label {text}', responseSchema, model: 'mock' });
    expect(Object.isFrozen(pass)).toBe(true);
    expect(Object.isFrozen(pass.budget)).toBe(true);
    expect(pass).toMatchObject({
      batchSize: passDefaults.batchSize,
      concurrency: autoConcurrencyCap,
      maxAttempts: passDefaults.maxAttempts,
      timeoutMs: passDefaults.timeoutMs,
      stream: passDefaults.stream,
      firstTokenTimeoutMs: passDefaults.firstTokenTimeoutMs,
      maxFileBytes: passDefaults.maxFileBytes,
      mode: passDefaults.mode,
      batchPollIntervalMs: passDefaults.batchPollIntervalMs,
      cache: passDefaults.cache,
      overwrite: passDefaults.overwrite,
      maxOutputTokens: undefined,
      placeholders: ['text'],
      matched: 1,
      skipped: 0,
    });
    expect(() => ((pass as { maxAttempts: number }).maxAttempts = 1)).toThrow(TypeError);
  });

  it('keeps what the options give, and answers a row worker one row at a time', async () => {
    const swarm = openTemp();
    const table = await swarm.create({ tasks: [{ id: 'a', text: 'fine' }] });
    const options = { instruction: 'Label {text}', responseSchema, model: 'mock', batchSize: 7, concurrency: 3, maxAttempts: 2, cache: false } as const;
    expect(preparePass(swarm.context, table.id, options)).toMatchObject({ batchSize: 7, concurrency: 3, maxAttempts: 2, cache: false });
    const worker = async () => ({ label: 'x' });
    expect(preparePass(swarm.context, table.id, { ...options, worker }).batchSize).toBe(1);
  });

  it('refuses a bad option before anything runs', async () => {
    const swarm = openTemp();
    const table = await swarm.create({ tasks: [{ id: 'a', text: 'fine' }] });
    const base = { instruction: 'Label {text}', responseSchema, model: 'mock' };
    expect(() => preparePass(swarm.context, table.id, { ...base, firstTokenTimeoutMs: 0 })).toThrow('firstTokenTimeoutMs must be a whole number ≥ 1, got 0');
    expect(() => preparePass(swarm.context, table.id, { ...base, concurrency: 0 })).toThrow('concurrency must be "auto" or a whole number ≥ 1, got 0');
    expect(() => preparePass(swarm.context, table.id, { ...base, instruction: 'Label {missing}' })).toThrow('instruction uses {missing}');
  });
});
