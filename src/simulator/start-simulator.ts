import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { seededRandom } from '../mock-answer/seeded-random.ts';
import { anthropicBatchRoutes } from './anthropic/anthropic-batch-routes.ts';
import { anthropicDialect } from './anthropic/anthropic-dialect.ts';
import { completeBatchSettings } from './batch/complete-batch-settings.ts';
import { createBatchRegistry } from './batch/create-batch-registry.ts';
import { completeFaults } from './complete-faults.ts';
import { completeLatency } from './complete-latency.ts';
import { controlRoutes } from './control-routes.ts';
import { createTrafficRecorder } from './create-traffic-recorder.ts';
import { googleBatchRoutes } from './google/google-batch-routes.ts';
import { googleDialect } from './google/google-dialect.ts';
import { serveGeminiV1 } from './google/serve-gemini-v1.ts';
import { handleCall } from './handle-call.ts';
import { createLimitLedger } from './limits/create-limit-ledger.ts';
import type { LimitLedger } from './limits/limit-ledger.ts';
import { openaiBatchRoutes } from './openai/openai-batch-routes.ts';
import { openaiDialect } from './openai/openai-dialect.ts';
import { openaiResponsesDialect } from './openai/openai-responses-dialect.ts';
import type { ProviderDialect } from './provider-dialect.ts';
import type { SimulatorContext } from './simulator-context.ts';
import type { SimulatorLimits } from './simulator-limits.ts';
import type { SimulatorOptions } from './simulator-options.ts';
import type { Simulator } from './simulator.ts';

// ANTHROPIC_BASE_URL is the origin for Anthropic's SDK, which adds `/v1/messages`, and ends in
// `/v1` for the AI SDK, which adds `/messages`: the Anthropic API is served at both.
const anthropicPrefixes = ['/v1', '/'];

const routes: Array<[path: string, dialect: ProviderDialect]> = [
  ['/v1/chat/completions', openaiDialect],
  ['/v1/responses', openaiResponsesDialect],
  ['/v1/messages', anthropicDialect],
  ['/messages', anthropicDialect],
  // Gemini puts the model and method in one segment (`gemini-2.5-flash:generateContent`).
  ['/v1beta/models/*', googleDialect],
];

/**
 * Starts an HTTP server on loopback that speaks the OpenAI Chat Completions and Responses,
 * Anthropic Messages and Gemini generateContent APIs closely enough for the real AI SDK providers
 * and the providers' own SDKs: schema-valid mock
 * answers, each provider's rate-limit headers and 429s from exact per-key, per-model limits
 * (per-minute limits enforced per second unless `limitShape` says otherwise),
 * latency from a distribution, and injected faults. Their batch APIs too (OpenAI Files and
 * Batches, Anthropic Message Batches, Gemini batchGenerateContent), with the same answers and faults.
 */
export async function startSimulator({
  port = 0,
  hostname = '127.0.0.1',
  limits = {},
  latency = {},
  faults = {},
  seed = 0,
  streamChunkCharacters = 16,
  batch = {},
  limitShape = 'per-second',
  limitHeaders = true,
  limitDisclosure = 'full',
}: SimulatorOptions = {}): Promise<Simulator> {
  if (!(Number.isInteger(streamChunkCharacters) && streamChunkCharacters > 0)) {
    throw new RangeError('simulator: streamChunkCharacters must be a positive integer');
  }
  let currentLimits: SimulatorLimits = { ...limits };
  const ledgers = new Map<string, LimitLedger>();
  const closing = new AbortController();
  const context: SimulatorContext = {
    latency: completeLatency(latency),
    faults: completeFaults(faults),
    seed,
    random: seededRandom(seed),
    streamChunkCharacters,
    limitHeaders: limitHeaders && limitDisclosure === 'full',
    limitDisclosure,
    closing: closing.signal,
    recorder: createTrafficRecorder(),
    ledgerFor(dialect, apiKey, model, nowMs) {
      const key = JSON.stringify([dialect.provider, apiKey, model]);
      let ledger = ledgers.get(key);
      if (ledger === undefined) {
        ledger = createLimitLedger(currentLimits, { windowKind: dialect.windowKind, shape: limitShape }, nowMs);
        ledgers.set(key, ledger);
      }
      return ledger;
    },
  };

  const batches = createBatchRegistry(completeBatchSettings(batch), context);
  const setLimits = (changes: SimulatorLimits) => {
    currentLimits = { ...currentLimits, ...changes };
    const nowMs = Date.now();
    for (const ledger of ledgers.values()) ledger.setLimits(currentLimits, nowMs);
  };
  const stats = () => ({ ...context.recorder.snapshot(), batch: batches.snapshot(Date.now()) });
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use(serveGeminiV1(app));
  app.route('/', controlRoutes({ setLimits, stats }));
  // Before the online routes: Gemini's `:batchGenerateContent` shares their `/v1beta/models/*` path.
  app.route('/', openaiBatchRoutes(context, batches));
  for (const prefix of anthropicPrefixes) app.route(prefix, anthropicBatchRoutes(context, batches));
  app.route('/', googleBatchRoutes(context, batches));
  for (const [path, dialect] of routes) {
    app.post(path, (c) => handleCall(context, dialect, c.req.raw, () => c.env.incoming.socket.destroy()));
  }
  app.notFound((c) =>
    c.json({ error: { message: `Invalid URL (${c.req.method} ${c.req.path})`, type: 'invalid_request_error', param: null, code: null } }, 404),
  );
  app.onError((_error, c) => c.json({ error: { message: 'simulator failure', type: 'server_error', param: null, code: null } }, 500));

  const server = await listen(app, hostname, port);
  const url = `http://${hostname}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: `${url}/v1`, google: `${url}/v1beta` },
    setLimits,
    setLatency(changes) {
      context.latency = completeLatency(changes, context.latency);
    },
    setFaults(changes) {
      context.faults = completeFaults(changes, context.faults);
    },
    stats,
    async close() {
      // Sockets first: a hung call released before its socket closes would still get an answer.
      server.closeAllConnections();
      closing.abort(new Error('simulator closed'));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(app: Hono<{ Bindings: HttpBindings }>, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Keeps the process's global Request and Response untouched: the engine under test shares it.
    const server = serve({ fetch: app.fetch, hostname, port, overrideGlobalObjects: false }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
