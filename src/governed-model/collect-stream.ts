import {
  APICallError,
  type LanguageModelV4Content,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { StreamInterruptedError } from '../call/stream-interrupted-error.ts';

/**
 * Reads a streamed answer to its end into the result `doGenerate` would have given: its text (or,
 * for a provider answering JSON through a tool when the call offers no tools, that tool's input),
 * the calls of the tools a call offered, the usage and finish reason. `onFirstToken` fires on the
 * first content. An error part, or a stream that ends without a finish part, raises
 * StreamInterruptedError (or the provider's own error when it sent one).
 */
export async function collectStream(
  { stream, request, response }: LanguageModelV4StreamResult,
  { offersTools, onFirstToken }: { offersTools: boolean; onFirstToken: () => void },
): Promise<LanguageModelV4GenerateResult> {
  let text = '';
  let toolInput = '';
  const toolCalls: LanguageModelV4Content[] = [];
  let finish: Extract<LanguageModelV4StreamPart, { type: 'finish' }> | undefined;
  let warnings: Extract<LanguageModelV4StreamPart, { type: 'stream-start' }>['warnings'] = [];
  let started = false;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      if (!started && (part.type === 'text-delta' || part.type === 'tool-input-delta')) {
        started = true;
        onFirstToken();
      }
      switch (part.type) {
        case 'stream-start':
          warnings = part.warnings;
          break;
        case 'text-delta':
          text += part.delta;
          break;
        case 'tool-input-delta':
          toolInput += part.delta;
          break;
        case 'tool-call':
          if (offersTools) toolCalls.push(part);
          else if (toolInput === '') toolInput = part.input;
          break;
        case 'finish':
          finish = part;
          break;
        case 'error':
          throw APICallError.isInstance(part.error)
            ? part.error
            : new StreamInterruptedError(`the stream broke off: ${describe(part.error)}`, { cause: part.error });
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (finish === undefined) throw new StreamInterruptedError('the stream ended before the answer was finished');
  const answerText = offersTools || text !== '' ? text : toolInput;
  const content: LanguageModelV4Content[] = answerText === '' && toolCalls.length > 0 ? toolCalls : [{ type: 'text', text: answerText }, ...toolCalls];
  return {
    content,
    finishReason: finish.finishReason,
    usage: finish.usage,
    providerMetadata: finish.providerMetadata,
    request,
    response,
    warnings,
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value).slice(0, 300);
  } catch {
    return String(value);
  }
}
