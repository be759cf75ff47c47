import type { StreamDialect } from '../provider-dialect.ts';
import { anthropicContent } from './anthropic-content.ts';
import { anthropicStopReason } from './anthropic-stop-reason.ts';
import { anthropicUsage } from './anthropic-usage.ts';

/**
 * Messages streaming: named events `message_start`, `content_block_start`, `ping`,
 * `content_block_delta` (text or tool-input JSON), `content_block_stop`, `message_delta` (stop
 * reason and usage), `message_stop`. An error part-way is an `error` event, then the stream ends.
 */
export const anthropicStream: StreamDialect = {
  contentType: 'text/event-stream; charset=utf-8',
  start(call, answer) {
    const content = anthropicContent(call, answer);
    const block = content.type === 'tool_use' ? { ...content, input: {} } : { type: 'text', text: '' };
    return (
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
      }) +
      event('content_block_start', { type: 'content_block_start', index: 0, content_block: block }) +
      event('ping', { type: 'ping' })
    );
  },
  delta(call, answer, text) {
    const delta =
      anthropicContent(call, answer).type === 'tool_use' ? { type: 'input_json_delta', partial_json: text } : { type: 'text_delta', text };
    return event('content_block_delta', { type: 'content_block_delta', index: 0, delta });
  },
  end(call, answer) {
    const content = anthropicContent(call, answer);
    return (
      event('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: anthropicStopReason(answer, content), stop_sequence: null },
        usage: anthropicUsage(answer),
      }) +
      event('message_stop', { type: 'message_stop' })
    );
  },
  error: () => event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
};

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
