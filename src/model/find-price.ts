import { builtInPrices } from './built-in-prices.ts';
import type { ModelPrice } from '../config/model-price.ts';

/**
 * The price of `provider:modelId`: an exact entry (config first, then built-in) beats a
 * `provider:*` wildcard (config first, then built-in). Undefined when nothing matches.
 */
export function findPrice(
  provider: string,
  modelId: string,
  configPrices: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  for (const key of [`${provider}:${modelId}`, `${provider}:*`]) {
    if (Object.hasOwn(configPrices, key)) return configPrices[key];
    if (Object.hasOwn(builtInPrices, key)) return builtInPrices[key];
  }
  return undefined;
}
