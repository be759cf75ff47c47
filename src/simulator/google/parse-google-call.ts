import type { JSONSchema7 } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { restoreDescribedConstraints } from '../anthropic/restore-described-constraints.ts';
import { geminiJsonSchemaProblem } from './gemini-json-schema-problem.ts';
import { geminiJsonWithToolsProblem } from './gemini-json-with-tools-problem.ts';
import { geminiPrompt } from './gemini-prompt.ts';
import { lowercaseSchemaTypes } from './lowercase-schema-types.ts';
import { readGeminiTools } from './read-gemini-tools.ts';

const modelPath = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/**
 * Reads a Gemini `generateContent` or `streamGenerateContent?alt=sse` request (the model is in
 * the path); a string says why it is a bad request. JSON is asked for with
 * `generationConfig.responseMimeType: application/json` and a schema in `responseJsonSchema`
 * (what the AI SDK sends) or `responseSchema`; function tools are `tools[].functionDeclarations`.
 */
export function parseGoogleCall(url: URL, body: unknown): SimulatedCall | string {
  const match = modelPath.exec(url.pathname);
  if (match === null) return `Invalid path ${url.pathname}`;
  if (match[2] === 'streamGenerateContent' && url.searchParams.get('alt') !== 'sse') {
    return 'the simulator streams only server-sent events: add ?alt=sse';
  }
  if (!isRecord(body)) return 'Invalid JSON payload received.';
  if (!Array.isArray(body.contents)) return '* GenerateContentRequest.contents: contents is not specified';
  const model = match[1]!;
  const prompt = geminiPrompt(body, body.contents);
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const jsonOutput = config.responseMimeType === 'application/json';
  // Bounds outside Gemini's subset travel in descriptions, which a real model reads; the mock reads keywords.
  const schema = config.responseJsonSchema === undefined ? lowercaseSchemaTypes(config.responseSchema) : restoreDescribedConstraints(config.responseJsonSchema);
  const { tools, refusal } = readGeminiTools(body);
  // Gemini names no cause for a schema it refuses.
  const schemaProblem = config.responseJsonSchema === undefined ? undefined : geminiJsonSchemaProblem(config.responseJsonSchema);
  const toolsProblem = geminiJsonWithToolsProblem(model, jsonOutput, tools);
  return {
    model,
    stream: match[2] === 'streamGenerateContent',
    includeUsage: true,
    prompt: Array.isArray(prompt) ? prompt : [],
    responseFormat: jsonOutput ? { type: 'json', schema: isRecord(schema) ? (schema as JSONSchema7) : undefined } : undefined,
    maxOutputTokens: typeof config.maxOutputTokens === 'number' ? config.maxOutputTokens : undefined,
    ...(tools === undefined ? {} : { tools }),
    ...(schemaProblem !== undefined ? { refusal: { message: 'Request contains an invalid argument.' } }
      : refusal !== undefined ? { refusal }
      : toolsProblem !== undefined ? { refusal: { message: toolsProblem } }
      : Array.isArray(prompt) ? {}
      : { refusal: prompt }),
  };
}
