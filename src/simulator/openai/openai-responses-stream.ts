import type { StreamDialect } from '../provider-dialect.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import { openaiResponsesAnswerBody } from './openai-responses-answer-body.ts';

// Per stream (one answer is one stream): the next `sequence_number`, and the message item's id.
const streams = new WeakMap<SimulatedAnswer, { sequenceNumber: number; itemId: string }>();

/**
 * Responses API streaming: named events (`event:` and `data:` lines, no `[DONE]`), each with a
 * `sequence_number` from 0. `response.created` and `response.in_progress` carry the response
 * without output, then the message item and its text part are added, the text arrives in
 * `response.output_text.delta` events, the text, part and item are done, and
 * `response.completed` (`response.incomplete` when cut short) carries the whole response. An
 * error part-way is an `error` event, and the stream ends.
 */
export const openaiResponsesStream: StreamDialect = {
  contentType: 'text/event-stream; charset=utf-8',
  start(call, answer) {
    const body = openaiResponsesAnswerBody(call, answer);
    const item = body.output[0]!;
    const pending = { ...body, status: 'in_progress', incomplete_details: null, output: [], usage: null };
    streams.set(answer, { sequenceNumber: 0, itemId: item.id });
    return (
      event(answer, 'response.created', { response: pending }) +
      event(answer, 'response.in_progress', { response: pending }) +
      event(answer, 'response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }) +
      event(answer, 'response.content_part.added', { item_id: item.id, output_index: 0, content_index: 0, part: { ...item.content[0]!, text: '' } })
    );
  },
  delta: (_call, answer, text) =>
    event(answer, 'response.output_text.delta', { item_id: streams.get(answer)!.itemId, output_index: 0, content_index: 0, delta: text, logprobs: [] }),
  end(call, answer) {
    const body = openaiResponsesAnswerBody(call, answer);
    const item = body.output[0]!;
    const position = { item_id: item.id, output_index: 0, content_index: 0 };
    return (
      event(answer, 'response.output_text.done', { ...position, text: answer.text, logprobs: [] }) +
      event(answer, 'response.content_part.done', { ...position, part: item.content[0] }) +
      event(answer, 'response.output_item.done', { output_index: 0, item }) +
      event(answer, body.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: body })
    );
  },
  error: (_call, answer) =>
    event(answer, 'error', { code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!', param: null }),
};

function event(answer: SimulatedAnswer, type: string, fields: Record<string, unknown>): string {
  const stream = streams.get(answer)!;
  const sequenceNumber = stream.sequenceNumber++;
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequenceNumber, ...fields })}\n\n`;
}
