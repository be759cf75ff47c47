import { startSimulator } from './src/simulator/index.ts';
import { createGoogle } from '@ai-sdk/google';
import { readAnswerStream } from './src/call/read-answer-stream.ts';
const sim = await startSimulator({ faults: { midStreamErrorRate: 1 }, latency: { firstTokenMs: 100, tokensPerSecond: 200 } });
const model = createGoogle({ apiKey: 'x', baseURL: sim.baseUrls.google })('gemini-2.5-flash');
const t0 = performance.now();
try {
  const r = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Classify <row id="a"><text>good</text></row>' }] }], responseFormat: { type: 'json', schema: { type: 'object', properties: { label: { type: 'string', minLength: 200 } } } } } as any);
  const out = await readAnswerStream(r.stream, { onFirstToken: () => console.log('first token at', (performance.now() - t0).toFixed(0)) });
  console.log('ok', out);
} catch (e) { console.log('error after', (performance.now() - t0).toFixed(0), (e as Error).name, (e as Error).message.slice(0, 200)); }
await sim.close();
