import type { Experimental_BatchV4, ProviderV4 } from '@ai-sdk/provider';

/** How to build one provider from the environment: where its key and endpoint come from. */
export interface ProviderDefinition {
  /** Environment variable holding the API key; undefined for endpoints that need none. */
  apiKeyEnv: string | undefined;
  /** Environment variable that overrides the endpoint, if the provider honours one. */
  baseURLEnv?: string;
  /** Endpoint used when `baseURLEnv` is unset. */
  defaultBaseURL: string;
  /**
   * The provider whose accounts, prices and limits these models share, when it is another name for
   * one (`openai-responses` is OpenAI through its Responses API).
   */
  accountProvider?: string;
  /** The provider charges a call's `max_tokens` against its output-token limit when the call starts. */
  chargesMaxTokensUpFront?: boolean;
  /**
   * Builds the provider with the key and endpoint passed explicitly, so the SDK never reads
   * process.env; `experimental_batch` when the provider has a batch API.
   */
  create(settings: { apiKey: string | undefined; baseURL: string }): ProviderV4 & { experimental_batch?(): Experimental_BatchV4 };
}
