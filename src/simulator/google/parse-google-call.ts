import type { JSONSchema7, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { promptMessage } from '../prompt-message.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';
import { restoreDescribedConstraints } from '../anthropic/restore-described-constraints.ts';
import { geminiJsonSchemaProblem } from './gemini-json-schema-problem.ts';
import { lowercaseSchemaTypes } from './lowercase-schema-types.ts';

const modelPath = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/**
 * Reads a Gemini `generateContent` or `streamGenerateContent?alt=sse` request (the model is in
 * the path); a string says why it is a bad request. JSON is asked for with
 * `generationConfig.responseMimeType: application/json` and a schema in `responseJsonSchema`
 * (what the AI SDK sends) or `responseSchema`.
 */
export function parseGoogleCall(url: URL, body: unknown): SimulatedCall | string {
  const match = modelPath.exec(url.pathname);
  if (match === null) return `Invalid path ${url.pathname}`;
  if (match[2] === 'streamGenerateContent' && url.searchParams.get('alt') !== 'sse') {
    return 'the simulator streams only server-sent events: add ?alt=sse';
  }
  if (!isRecord(body)) return 'Invalid JSON payload received.';
  if (!Array.isArray(body.contents)) return '* GenerateContentRequest.contents: contents is not specified';
  const prompt: LanguageModelV4Prompt = [];
  const system = isRecord(body.systemInstruction) ? textParts(body.systemInstruction.parts) : [];
  if (system.length > 0) prompt.push(promptMessage('system', system));
  for (const content of body.contents) {
    if (!isRecord(content)) return 'Invalid value at \'contents\': each content must be an object';
    prompt.push(promptMessage(content.role === 'model' ? 'assistant' : 'user', textParts(content.parts)));
  }
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  // Bounds outside Gemini's subset travel in descriptions, which a real model reads; the mock reads keywords.
  const schema = config.responseJsonSchema === undefined ? lowercaseSchemaTypes(config.responseSchema) : restoreDescribedConstraints(config.responseJsonSchema);
  const problem = config.responseJsonSchema === undefined ? undefined : geminiJsonSchemaProblem(config.responseJsonSchema);
  return {
    model: match[1]!,
    stream: match[2] === 'streamGenerateContent',
    includeUsage: true,
    prompt,
    responseFormat:
      config.responseMimeType === 'application/json'
        ? { type: 'json', schema: isRecord(schema) ? (schema as JSONSchema7) : undefined }
        : undefined,
    maxOutputTokens: typeof config.maxOutputTokens === 'number' ? config.maxOutputTokens : undefined,
    answerTool: undefined,
    // Gemini names no cause for a schema it refuses.
    ...(problem === undefined ? {} : { refusal: { message: 'Request contains an invalid argument.' } }),
  };
}
