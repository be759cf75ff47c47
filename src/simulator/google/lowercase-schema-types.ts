import { isRecord } from '../is-record.ts';

/**
 * A Gemini `responseSchema` (OpenAPI subset, types spelled `OBJECT`, `STRING`…) as JSON Schema
 * for the mock answer generator: every `type` lowercased, at every depth.
 */
export function lowercaseSchemaTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowercaseSchemaTypes);
  if (!isRecord(schema)) return schema;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    converted[key] = key === 'type' && typeof value === 'string' ? value.toLowerCase() : lowercaseSchemaTypes(value);
  }
  return converted;
}
