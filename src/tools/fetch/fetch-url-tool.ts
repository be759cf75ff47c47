import { tool } from 'ai';
import { z } from 'zod';
import { capText } from '../cap-tool-output.ts';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { fetchUrl } from './fetch-url.ts';
import { pageText } from './page-text.ts';

/** `fetch_url`: GETs an http(s) URL and answers with its text. */
export function fetchUrlTool(settings: PreparedToolSettings) {
  const { allowPrivateAddresses, maxBytes, timeoutMs } = settings.fetch;
  return tool({
    description:
      'Fetch a web page or file over http or https (GET) and return its status, content type and body as text ' +
      `(HTML as is; binary bodies are not shown). Redirects are followed; bodies over ${maxBytes} bytes are cut` +
      (allowPrivateAddresses ? '.' : '; local and private network addresses are refused.'),
    inputSchema: z.object({
      url: z.string().describe('The http or https URL to fetch'),
    }),
    execute: async ({ url }, { abortSignal }) => capText(pageText(await fetchUrl(url, { allowPrivateAddresses, maxBytes, timeoutMs, abortSignal }))),
  });
}
