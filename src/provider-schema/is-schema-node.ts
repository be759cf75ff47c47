import type { SchemaNode } from './provider-schema.ts';

/** Whether a value is a schema object (not a boolean schema, an array or null). */
export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
