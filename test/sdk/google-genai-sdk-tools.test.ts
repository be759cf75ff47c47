// Function calling through the official @google/genai SDK against the simulator, in the shapes the
// SDK types (https://ai.google.dev/gemini-api/docs/function-calling): `functionCall` parts (the
// `functionCalls` getter) under modes `ANY`, `AUTO`, `NONE` and `allowedFunctionNames`,
// `functionResponse` parts back, whole and streamed; and the 400s Gemini answers.
import { ApiError, FunctionCallingConfigMode, GoogleGenAI, Type, type Content, type FunctionDeclaration, type GenerateContentResponse } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

const model = 'gemini-2.5-flash';

async function client(): Promise<GoogleGenAI> {
  simulator = await startSimulator({ seed: 7 });
  return new GoogleGenAI({ apiKey: 'AIzaSyTestGoogleGenaiSdkTools0123456', apiVersion: 'v1beta', httpOptions: { baseUrl: simulator.url } });
}

const functionDeclarations: FunctionDeclaration[] = [
  {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, unit: { type: Type.STRING, enum: ['celsius', 'fahrenheit'] } }, required: ['city'] },
  },
  { name: 'get_time', description: 'Current time in a timezone', parametersJsonSchema: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] } },
];
const question: Content = { role: 'user', parts: [{ text: 'What is the weather in Paris?' }] };

function config(mode: FunctionCallingConfigMode, allowedFunctionNames?: string[]) {
  return { tools: [{ functionDeclarations }], toolConfig: { functionCallingConfig: { mode, ...(allowedFunctionNames === undefined ? {} : { allowedFunctionNames }) } } };
}

describe('Gemini function calling through @google/genai', () => {
  it('answers mode ANY with functionCall parts, takes functionResponse parts back, and answers in text', async () => {
    const ai = await client();
    const response = await ai.models.generateContent({ model, contents: [question], config: config(FunctionCallingConfigMode.ANY, ['get_weather']) });
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.functionCalls).toEqual([{ name: 'get_weather', args: expect.objectContaining({ city: 'Paris' }) }]);
    const callTurn = response.candidates![0]!.content!;
    expect(callTurn).toEqual({ role: 'model', parts: [{ functionCall: { name: 'get_weather', args: expect.any(Object) } }] });

    const answered: Content[] = [question, callTurn, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 21 } } }] }];
    const final = await ai.models.generateContent({ model, contents: answered, config: config(FunctionCallingConfigMode.NONE) });
    expect(final.functionCalls).toBeUndefined();
    expect(final.text).not.toBe('');
  });

  it('calls in parallel under AUTO, only the allowed function under ANY, and streams each call whole', async () => {
    const ai = await client();
    const contents: Content[] = [{ role: 'user', parts: [{ text: 'Weather in Paris and in Lima, please.' }] }];
    const parallel = await ai.models.generateContent({ model, contents, config: config(FunctionCallingConfigMode.AUTO) });
    expect(parallel.functionCalls?.map((call) => call.args?.city)).toEqual(['Paris', 'Lima']);
    const allowed = await ai.models.generateContent({ model, contents, config: config(FunctionCallingConfigMode.ANY, ['get_time']) });
    expect(allowed.functionCalls?.map((call) => call.name)).toEqual(['get_time']);

    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model, contents, config: config(FunctionCallingConfigMode.ANY) })) chunks.push(chunk);
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? []).map((call) => call.args?.city)).toEqual(['Paris', 'Lima']);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('sends the 400s Gemini answers for function turns out of order and declarations it will not read', async () => {
    const ai = await client();
    const refused = async (request: Parameters<GoogleGenAI['models']['generateContent']>[0]) => {
      const error = await ai.models.generateContent(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
      return (JSON.parse((error as ApiError).message) as { error: { message: string; status: string } }).error;
    };
    const response = { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 21 } } }] };
    expect(await refused({ model, contents: [question, response], config: config(FunctionCallingConfigMode.AUTO) })).toEqual({
      code: 400,
      message: 'Please ensure that function response turn comes immediately after a function call turn.',
      status: 'INVALID_ARGUMENT',
    });
    const badName = await refused({ model, contents: [question], config: { tools: [{ functionDeclarations: [{ ...functionDeclarations[0]!, name: '1st weather' }] }] } });
    expect(badName.message).toMatch(/^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.name: Invalid function name\./);
    const json = await refused({ model, contents: [question], config: { ...config(FunctionCallingConfigMode.AUTO), responseMimeType: 'application/json' } });
    expect(json.message).toBe("Function calling with a response mime type: 'application/json' is unsupported");
  });
});
