import type { StreamDialect } from '../provider-dialect.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import { openaiResponsesAnswerBody } from './openai-responses-answer-body.ts';

// Per stream (one answer is one stream): the next `sequence_number`.
const sequenceNumbers = new WeakMap<SimulatedAnswer, number>();

/**
 * Responses API streaming: named events (`event:` and `data:` lines, no `[DONE]`), each with a
 * `sequence_number` from 0. `response.created` and `response.in_progress` carry the response
 * without output; then each output item is added, filled and done: a message with its text part
 * (`response.output_text.delta`, then the text, part and item done), or a function call with
 * `response.function_call_arguments.delta` and `.done`
 * (https://platform.openai.com/docs/api-reference/responses-streaming); `response.completed`
 * (`response.incomplete` when cut short) carries the whole response. An error part-way is an
 * `error` event, and the stream ends.
 */
export const openaiResponsesStream: StreamDialect = {
  contentType: 'text/event-stream; charset=utf-8',
  start(call, answer) {
    sequenceNumbers.set(answer, 0);
    const pending = { ...openaiResponsesAnswerBody(call, answer), status: 'in_progress', incomplete_details: null, output: [], usage: null };
    return event(answer, 'response.created', { response: pending }) + event(answer, 'response.in_progress', { response: pending });
  },
  partStart(call, answer, index) {
    const item = openaiResponsesAnswerBody(call, answer).output[index]!;
    if (item.type === 'function_call') return event(answer, 'response.output_item.added', { output_index: index, item: { ...item, arguments: '', status: 'in_progress' } });
    return (
      event(answer, 'response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } }) +
      event(answer, 'response.content_part.added', { item_id: item.id, output_index: index, content_index: 0, part: { ...item.content[0]!, text: '' } })
    );
  },
  delta(call, answer, index, text) {
    const item = openaiResponsesAnswerBody(call, answer).output[index]!;
    if (item.type === 'function_call') return event(answer, 'response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: text });
    return event(answer, 'response.output_text.delta', { item_id: item.id, output_index: index, content_index: 0, delta: text, logprobs: [] });
  },
  partEnd(call, answer, index) {
    const item = openaiResponsesAnswerBody(call, answer).output[index]!;
    if (item.type === 'function_call') {
      return (
        event(answer, 'response.function_call_arguments.done', { item_id: item.id, output_index: index, arguments: item.arguments }) +
        event(answer, 'response.output_item.done', { output_index: index, item })
      );
    }
    const position = { item_id: item.id, output_index: index, content_index: 0 };
    return (
      event(answer, 'response.output_text.done', { ...position, text: answer.text, logprobs: [] }) +
      event(answer, 'response.content_part.done', { ...position, part: item.content[0] }) +
      event(answer, 'response.output_item.done', { output_index: index, item })
    );
  },
  end(call, answer) {
    const body = openaiResponsesAnswerBody(call, answer);
    return event(answer, body.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: body });
  },
  error: (_call, answer) =>
    event(answer, 'error', { code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!', param: null }),
};

function event(answer: SimulatedAnswer, type: string, fields: Record<string, unknown>): string {
  const sequenceNumber = sequenceNumbers.get(answer)!;
  sequenceNumbers.set(answer, sequenceNumber + 1);
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequenceNumber, ...fields })}\n\n`;
}
