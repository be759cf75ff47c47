import type { StreamDialect } from '../provider-dialect.ts';
import { anthropicContent } from './anthropic-content.ts';
import { anthropicStopReason } from './anthropic-stop-reason.ts';
import { anthropicUsage } from './anthropic-usage.ts';

/**
 * Messages streaming: named events `message_start`, then per content block `content_block_start`
 * (a `tool_use` block opens with empty `input`; a `ping` follows the first), `content_block_delta`
 * (`text_delta`, or `input_json_delta` with the tool input's `partial_json`) and
 * `content_block_stop`; then `message_delta` (stop reason and usage) and `message_stop`
 * (https://platform.claude.com/docs/en/build-with-claude/streaming). An error part-way is an
 * `error` event, then the stream ends.
 */
export const anthropicStream: StreamDialect = {
  contentType: 'text/event-stream; charset=utf-8',
  start: (call, answer) =>
    event('message_start', {
      type: 'message_start',
      message: {
        id: answer.id,
        type: 'message',
        role: 'assistant',
        model: call.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: anthropicUsage(answer, 1),
      },
    }),
  partStart(_call, answer, index) {
    const content = anthropicContent(answer)[index]!;
    const block = content.type === 'tool_use' ? { ...content, input: {} } : { type: 'text', text: '' };
    return event('content_block_start', { type: 'content_block_start', index, content_block: block }) + (index === 0 ? event('ping', { type: 'ping' }) : '');
  },
  delta(_call, answer, index, text) {
    const delta = answer.toolCalls === undefined ? { type: 'text_delta', text } : { type: 'input_json_delta', partial_json: text };
    return event('content_block_delta', { type: 'content_block_delta', index, delta });
  },
  partEnd: (_call, _answer, index) => event('content_block_stop', { type: 'content_block_stop', index }),
  end: (_call, answer) =>
    event('message_delta', { type: 'message_delta', delta: { stop_reason: anthropicStopReason(answer), stop_sequence: null }, usage: anthropicUsage(answer) }) +
    event('message_stop', { type: 'message_stop' }),
  error: () => event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
};

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
