import type { FetchedPage } from './fetch-url.ts';

const textualType = /^text\/|[/+](json|xml|javascript|ecmascript|yaml|csv|x-www-form-urlencoded)\b|^application\/(xhtml|rss|atom)/i;
const binaryProbeBytes = 8192;

/**
 * What `fetch_url` answers with: a header (URL, status, content type, redirects) and the body as
 * text, decoded by its charset. A body that is not text (by content type, or NUL bytes) is
 * described, not shown.
 */
export function pageText(page: FetchedPage): string {
  const contentType = String(page.headers['content-type'] ?? '');
  const header = [`URL: ${page.url}`, `Status: ${page.status} ${page.statusText}`.trimEnd(), `Content-Type: ${contentType || '(none)'}`];
  if (page.redirectedFrom.length > 0) header.push(`Redirected from: ${page.redirectedFrom.join(' -> ')}`);
  if (page.truncated) header.push(`[body cut at ${page.body.length} bytes; the rest was not fetched]`);
  const isText = (contentType === '' || textualType.test(contentType)) && !page.body.subarray(0, binaryProbeBytes).includes(0);
  const body = isText ? decode(page.body, contentType) : `[binary content, ${page.body.length} bytes: not shown]`;
  return `${header.join('\n')}\n\n${body}`;
}

function decode(body: Buffer, contentType: string): string {
  const charset = /charset="?([^";\s]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    // An unknown charset label: UTF-8 is the best guess.
    return new TextDecoder().decode(body);
  }
}
