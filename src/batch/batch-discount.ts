/**
 * The fraction taken off the online price for work done through a provider's batch API: OpenAI,
 * Anthropic and Gemini all bill batches at half price.
 */
export const batchDiscount = 0.5;
