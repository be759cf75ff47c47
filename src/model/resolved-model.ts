import type { Experimental_BatchV4, LanguageModelV4 } from '@ai-sdk/provider';
import type { ModelPrice } from '../config/model-price.ts';

/** A model spec turned into a callable model, with what the engine needs to limit and bill it. */
export interface ResolvedModel {
  /** The spec after alias expansion, e.g. `openai:gpt-4o-mini` or `mock:default?latencyMs=5`. */
  spec: string;
  /** Provider name as written in the spec (`openai`, a config provider name, `mock`). */
  provider: string;
  /** Model id within the provider; for mock, without the `?settings` part. */
  modelId: string;
  /** Call with `doGenerate`/`doStream` directly; no SDK retry layer wraps it. */
  languageModel: LanguageModelV4;
  /** Price from swarm.config.yaml or the built-in table; undefined when unknown. */
  price: ModelPrice | undefined;
  /** The environment variable the API key was read from; undefined for mock and keyless endpoints. */
  keyEnv?: string;
  /** The base URL calls go to, part of every cache key; undefined for mock and model instances. */
  endpoint?: string;
  /** Identifies the provider account (key and endpoint) for rate limiting, without containing the key. */
  keyId: string;
  /** The provider charges `max_tokens` against its output limit up front: Swarm sets a tight one. */
  chargesMaxTokensUpFront?: boolean;
  /** The provider's batch API (OpenAI, Anthropic, Google), for `mode: batch`; undefined when it has none. */
  batch?: Experimental_BatchV4;
}
