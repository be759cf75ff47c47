/**
 * Child process: the baseline of the pass benchmarks, the loop a user would write instead of
 * Swarm. A fixed pool of `concurrency` workers pulls lines from the JSONL file (readline,
 * streamed), renders a prompt of the same shape and size as Swarm's (the `<row id>` tag keys the
 * mock's answer to the row, as in Swarm's prompts), calls the same mock model's
 * `doGenerate` with the same schema, `JSON.parse`s the answer and appends `{ id, ...answer }` as
 * one JSONL line to a write stream (waiting on `drain`). Timed from opening the input until the
 * output file is closed. It imports only the mock model, not Swarm, so its memory is what the
 * hand-written tool would need.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createMockModel } from '../../src/model/mock/index.ts';
import { childArguments, sendReport } from '../support/child-report.ts';
import { startEventLoopDelayMonitor } from '../support/event-loop-delay.ts';
import { startMemorySampler } from '../support/memory-sampler.ts';
import { classificationTask, type PassChildArguments } from './classification-task.ts';

const { inputFile, rows, concurrency, outputFile } = childArguments<PassChildArguments>();
const sampler = startMemorySampler();
const model = createMockModel();
const { responseSchema } = classificationTask;
const system = 'You classify product reviews. Answer only with JSON matching the requested schema: no prose, no code fences.';
const schemaText = JSON.stringify(responseSchema);

const stallMonitor = await startEventLoopDelayMonitor();
const start = performance.now();
const lines = createInterface({ input: createReadStream(inputFile, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]();
const out = createWriteStream(outputFile);
// One shared wait for `drain`, however many workers find the stream full.
let drained: Promise<void> | undefined;
let written = 0;

async function worker(): Promise<void> {
  for (;;) {
    const next = await lines.next();
    if (next.done) return;
    const row = JSON.parse(next.value) as { id: string; text: string };
    const text =
      `Classify the sentiment of this product review: <text>\n\n<row id="${row.id}">\n<text>${row.text}</text>\n</row>\n` +
      `\nAnswer with one JSON object matching this JSON Schema:\n${schemaText}`;
    const result = await model.doGenerate({
      prompt: [
        { role: 'system', content: system },
        { role: 'user', content: [{ type: 'text', text }] },
      ],
      responseFormat: { type: 'json', schema: responseSchema as never, name: 'answer' },
    });
    const answerText = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const answer = JSON.parse(answerText) as Record<string, unknown>;
    written++;
    if (!out.write(`${JSON.stringify({ id: row.id, ...answer })}\n`)) {
      drained ??= once(out, 'drain').then(() => {
        drained = undefined;
      });
      await drained;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
out.end();
await once(out, 'finish');
const end = performance.now();
const longestStallMs = await stallMonitor.stop();

if (written !== rows) throw new Error(`expected ${rows} rows written, wrote ${written}`);
sendReport({ rows, createMs: 0, passMs: end - start, memory: sampler.stop(), longestStallMs });
