import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { createMockModel } from '../../../src/index.ts';

/** A tool result or error the model was sent back, as it read it. */
export interface SeenToolResult {
  /** The first user message of the call: the rows of the loop (`<row id="…">`). */
  userText: string;
  toolCallId: string;
  toolName: string;
  isError: boolean;
  /** The output's text (an error's message), or its JSON. */
  text: string;
}

/**
 * The built-in mock model (which obeys `CALL tool {json}` lines), recording every tool result the
 * engine sends back to it in a later step: what an agent's model actually saw of its tools.
 */
export function watchedMockModel(settings: Parameters<typeof createMockModel>[0] = {}): { model: LanguageModelV4; seen: SeenToolResult[] } {
  const mock = createMockModel(settings);
  const seen: SeenToolResult[] = [];
  const watch = (options: LanguageModelV4CallOptions) => {
    const first = options.prompt.find((message) => message.role === 'user');
    const userText = first?.role === 'user' ? first.content.map((part) => (part.type === 'text' ? part.text : '')).join('') : '';
    for (const message of options.prompt) {
      if (message.role !== 'tool') continue;
      for (const part of message.content) {
        if (part.type !== 'tool-result' || seen.some((each) => each.userText === userText && each.toolCallId === part.toolCallId)) continue;
        const { output } = part;
        const isError = output.type === 'error-text' || output.type === 'error-json';
        const text = output.type === 'text' || output.type === 'error-text' ? output.value : JSON.stringify('value' in output ? output.value : output);
        seen.push({ userText, toolCallId: part.toolCallId, toolName: part.toolName, isError, text });
      }
    }
  };
  const model: LanguageModelV4 = {
    specificationVersion: 'v4',
    provider: mock.provider,
    modelId: mock.modelId,
    supportedUrls: mock.supportedUrls,
    doGenerate: (options) => {
      watch(options);
      return mock.doGenerate(options);
    },
    doStream: (options) => {
      watch(options);
      return mock.doStream(options);
    },
  };
  return { model, seen };
}
