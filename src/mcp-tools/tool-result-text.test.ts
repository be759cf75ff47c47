import { describe, expect, it } from 'vitest';
import { mcpToolName } from './mcp-tool-name.ts';
import { toolResultText } from './tool-result-text.ts';

describe('toolResultText', () => {
  it('joins text and summarizes other content', () => {
    const png = Buffer.alloc(1_000).toString('base64');
    expect(
      toolResultText({
        content: [
          { type: 'text', text: 'first' },
          { type: 'image', mimeType: 'image/png', data: png },
          { type: 'audio', mimeType: 'audio/wav', data: Buffer.alloc(7).toString('base64') },
          { type: 'resource', resource: { uri: 'file:///notes.md', text: '# Notes' } },
          { type: 'resource', resource: { uri: 'file:///a.bin', blob: Buffer.alloc(3).toString('base64'), mimeType: 'application/octet-stream' } },
          { type: 'resource_link', uri: 'file:///big.csv', name: 'big.csv', description: 'the data' },
        ],
      }),
    ).toBe(
      [
        'first',
        '[image: image/png, 1000 bytes]',
        '[audio: audio/wav, 7 bytes]',
        '[resource: file:///notes.md]\n# Notes',
        '[resource: file:///a.bin, application/octet-stream, 3 bytes]',
        '[resource link: file:///big.csv (the data)]',
      ].join('\n'),
    );
  });

  it('prefers structuredContent', () => {
    expect(toolResultText({ content: [{ type: 'text', text: 'rows: 2' }], structuredContent: { rows: 2 } })).toBe('{"rows":2}');
  });

  it('cuts long output and says so', () => {
    const text = toolResultText({ content: [{ type: 'text', text: 'x'.repeat(40_000) }] });
    expect(text).toBe(`${'x'.repeat(32_000)}\n[output cut: 32000 of 40000 characters shown]`);
    expect(toolResultText({ content: [{ type: 'text', text: 'abcdef' }] }, { maxCharacters: 6 })).toBe('abcdef');
  });
});

describe('mcpToolName', () => {
  it('name-spaces by server and keeps to what providers accept', () => {
    expect(mcpToolName('github', 'create_issue')).toBe('github__create_issue');
    expect(mcpToolName('fs', 'read.file/v2 (beta)')).toBe('fs__read_file_v2__beta_');
    expect(mcpToolName('server', 'ü'.repeat(100))).toMatch(/^server___{56}$/);
  });
});
