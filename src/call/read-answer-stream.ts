import { APICallError, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { TokenUsage } from '../events/swarm-event.ts';
import { StreamInterruptedError } from './stream-interrupted-error.ts';

/**
 * Reads a streamed answer to its end: the text (or, for providers that answer JSON through a
 * tool, the tool input) and the usage from the finish part. `onFirstToken` fires on the first
 * content. An error part, or a stream that ends without a finish part, raises
 * StreamInterruptedError (or the provider's own error when it sent one).
 */
export async function readAnswerStream(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  { onFirstToken }: { onFirstToken?: () => void } = {},
): Promise<{ text: string; usage: TokenUsage; finishReason: string | undefined }> {
  let text = '';
  let toolInput = '';
  let usage: TokenUsage | undefined;
  let finishReason: string | undefined;
  let started = false;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      if (!started && (part.type === 'text-delta' || part.type === 'tool-input-delta')) {
        started = true;
        onFirstToken?.();
      }
      switch (part.type) {
        case 'text-delta':
          text += part.delta;
          break;
        case 'tool-input-delta':
          toolInput += part.delta;
          break;
        case 'tool-call':
          if (toolInput === '') toolInput = part.input;
          break;
        case 'finish':
          usage = { inputTokens: part.usage.inputTokens.total ?? 0, outputTokens: part.usage.outputTokens.total ?? 0 };
          finishReason = part.finishReason?.unified;
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
  if (usage === undefined) throw new StreamInterruptedError('the stream ended before the answer was finished');
  return { text: text === '' ? toolInput : text, usage, finishReason };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value).slice(0, 300);
  } catch {
    return String(value);
  }
}
