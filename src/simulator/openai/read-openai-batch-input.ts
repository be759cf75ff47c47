import { parseJson } from '../parse-json.ts';
import { isRecord } from '../is-record.ts';
import type { SimulatedCall } from '../simulated-call.ts';

/** A batch input file read: its model and requests, or why validation fails the whole batch. */
export type OpenAIBatchInput =
  | { model: string; requests: Array<{ customId: string; call: SimulatedCall | string }> }
  | { failure: { code: string; message: string; line: number | null } };

/**
 * Reads an OpenAI batch input file (JSONL of `{ custom_id, method, url, body }`). A malformed
 * file fails the whole batch, as OpenAI's validation does: a line that is not JSON, a missing or
 * repeated `custom_id`, a `url` other than the batch's endpoint, or a second model. A body the
 * endpoint cannot read fails only its own item.
 */
export function readOpenAIBatchInput(text: string, endpoint: string, parse: (body: unknown) => SimulatedCall | string): OpenAIBatchInput {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return { failure: { code: 'empty_file', message: 'The input file is empty.', line: null } };
  const requests: Array<{ customId: string; call: SimulatedCall | string }> = [];
  const seen = new Set<string>();
  let model: string | undefined;
  for (const [index, line] of lines.entries()) {
    const parsed = parseJson(line);
    const fail = (code: string, message: string): OpenAIBatchInput => ({ failure: { code, message, line: index + 1 } });
    if (!parsed.ok || !isRecord(parsed.value)) return fail('invalid_json_line', 'This line is not parseable as valid JSON.');
    const { custom_id: customId, url, body } = parsed.value;
    if (typeof customId !== 'string' || customId === '') return fail('missing_required_parameter', "Missing required parameter: 'custom_id'.");
    if (seen.has(customId)) return fail('duplicate_custom_id', `The custom_id for this request is a duplicate of another request: ${customId}.`);
    if (url !== endpoint) return fail('mismatched_endpoint', `The provided URL '${String(url)}' does not match the batch endpoint '${endpoint}'.`);
    const lineModel = isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
    if (model !== undefined && lineModel !== undefined && lineModel !== model) {
      return fail('mismatched_model', 'The provided model does not match the model of other requests in the batch.');
    }
    model ??= lineModel;
    seen.add(customId);
    requests.push({ customId, call: parse(body) });
  }
  return { model: model ?? '', requests };
}

