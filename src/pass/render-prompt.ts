import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** One row as it appears in a prompt: its id, the values the instruction refers to, file content. */
export interface PromptRow {
  id: string;
  values: Record<string, unknown>;
  /** Content of the file a file row points at, when the instruction uses `{file}`. */
  fileContent?: string;
}

/** The parts of a prompt that are the same for every dispatch of a pass, rendered once. */
export interface PromptFrame {
  system: string;
  instruction: string;
  singleSchemaText: string;
  batchSchemaText: string;
}

/** Renders the fixed parts of a pass's prompts. */
export function createPromptFrame({
  instruction,
  context,
  rowSchema,
  batchSchema,
}: {
  instruction: string;
  context: string | undefined;
  rowSchema: unknown;
  batchSchema: unknown;
}): PromptFrame {
  const system =
    'You are one worker in a parallel batch job. Apply the instruction to the row(s) you are given, ' +
    'each on its own, and answer only with JSON that matches the requested schema: no prose, no code fences.' +
    (context ? `\n\nContext:\n${context}` : '');
  return {
    system,
    instruction,
    singleSchemaText: JSON.stringify(rowSchema),
    batchSchemaText: JSON.stringify(batchSchema),
  };
}

/** The messages of one dispatch: a single row answers the row schema, several the batch schema. */
export function renderPrompt(frame: PromptFrame, rows: PromptRow[]): LanguageModelV4Prompt {
  let text = `${frame.instruction}\n\n`;
  if (rows.length > 1) text += `Apply the instruction to each of these ${rows.length} rows separately.\n\n`;
  for (const row of rows) text += renderRow(row);
  text +=
    rows.length === 1
      ? `\nAnswer with one JSON object matching this JSON Schema:\n${frame.singleSchemaText}`
      : `\nAnswer with one JSON object {"results": [...]} holding one item per row, in the same order, ` +
        `each with the row's "id". It must match this JSON Schema:\n${frame.batchSchemaText}`;
  return [
    { role: 'system', content: frame.system },
    { role: 'user', content: [{ type: 'text', text }] },
  ];
}

/** Appends a failed answer and the reason it was rejected, asking for a corrected one. */
export function renderCorrection(prompt: LanguageModelV4Prompt, answer: string, problem: string): LanguageModelV4Prompt {
  return [
    ...prompt,
    { role: 'assistant', content: [{ type: 'text', text: answer }] },
    {
      role: 'user',
      content: [
        {
          type: 'text',
          text: `That answer was rejected: ${problem}. Reply again with only the corrected JSON, matching the schema exactly.`,
        },
      ],
    },
  ];
}

function renderRow(row: PromptRow): string {
  let text = `<row id="${escapeAttribute(row.id)}">\n`;
  for (const name in row.values) {
    const value = row.values[name];
    const content = escapeMarkup(value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
    // A column name that is not a tag name (a CSV header such as "Review Text") goes in an attribute.
    text += tagName.test(name) ? `<${name}>${content}</${name}>\n` : `<field name="${escapeAttribute(name)}">${content}</field>\n`;
  }
  if (row.fileContent !== undefined) text += `<file_content>\n${escapeMarkup(row.fileContent)}\n</file_content>\n`;
  return `${text}</row>\n`;
}

const tagName = /^[A-Za-z_][\w.-]*$/;

// A value is data, never markup: a "<" that could start a tag ("</text>", "<row") is written
// "&lt;", so no value can end its own element or forge another row of a batch. A "<" before a
// space, digit or "=" cannot, and stays as it is, as does everything else (code reads as code).
function escapeMarkup(value: string): string {
  return value.replace(/<(?=[A-Za-z_/!?])/g, '&lt;');
}

// JSON string escapes first (control characters, backslashes), then the two XML attribute ones.
function escapeAttribute(value: string): string {
  return JSON.stringify(value).slice(1, -1).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}
