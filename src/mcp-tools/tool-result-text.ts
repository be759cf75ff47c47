import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { capText } from './cap-text.ts';

/** The most characters of a tool's result handed to the model. */
export const maxToolOutputCharacters = 32_000;

type ContentBlock = CallToolResult['content'][number];

/**
 * What the model sees of a tool's result: its `structuredContent` as JSON when present, else its
 * content blocks (text as is, binary content summarized), cut at `maxCharacters` with a note saying so.
 */
export function toolResultText(result: Pick<CallToolResult, 'content' | 'structuredContent'>, { maxCharacters = maxToolOutputCharacters }: { maxCharacters?: number } = {}): string {
  const text = result.structuredContent !== undefined ? JSON.stringify(result.structuredContent) : contentText(result.content);
  return capText(text, maxCharacters);
}

/** The content blocks of a result as text, one block per line group. */
export function contentText(content: readonly ContentBlock[]): string {
  return content.map(describeBlock).join('\n');
}

function describeBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${Buffer.byteLength(block.data, 'base64')} bytes]`;
    case 'resource':
      if ('text' in block.resource) return `[resource: ${block.resource.uri}]\n${block.resource.text}`;
      return `[resource: ${block.resource.uri}, ${block.resource.mimeType ?? 'binary'}, ${Buffer.byteLength(block.resource.blob, 'base64')} bytes]`;
    case 'resource_link':
      return `[resource link: ${block.uri}${block.description === undefined ? '' : ` (${block.description})`}]`;
  }
}
