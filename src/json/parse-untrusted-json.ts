import { jsonrepair } from 'jsonrepair';

/** The outcome of reading untrusted JSON text: the value, or why it could not be read. */
export type ParsedJson = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string };

const fencePattern = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?```\s*$/i;

/**
 * The one path every untrusted JSON text (model output, HTTP bodies, files) goes through.
 * With `repair`, text that is not valid JSON (code fences, trailing commas, truncation) is
 * repaired with jsonrepair before giving up.
 */
export function parseUntrustedJson(text: string, { repair = false }: { repair?: boolean } = {}): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text), repaired: false };
  } catch (error) {
    if (!repair) return { ok: false, error: (error as Error).message };
    const unfenced = fencePattern.exec(text)?.[1] ?? text;
    try {
      return { ok: true, value: JSON.parse(jsonrepair(unfenced)), repaired: true };
    } catch {
      return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
    }
  }
}
