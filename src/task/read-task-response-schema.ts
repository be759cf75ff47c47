import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileJsonSchema } from '../json-schema/compile-json-schema.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import type { TaskProblem } from './task-problem.ts';

/**
 * A task's `response_schema`: the inline mapping, or the JSON file a path names (relative to
 * `folder`, the task file's folder). It must be a JSON Schema of `type: object` with properties,
 * because each property becomes an output column.
 */
export function readTaskResponseSchema(
  value: string | Record<string, unknown>,
  { folder }: { folder: string },
): { schema: Record<string, unknown> } | { problem: TaskProblem } {
  if (typeof value !== 'string') {
    const problem = objectSchemaProblem(value);
    if (problem === undefined) return { schema: value };
    const keyPath = problem.key !== undefined && problem.key in value ? ['response_schema', problem.key] : ['response_schema'];
    return { problem: { message: `"response_schema" ${problem.message}`, keyPath } };
  }
  const file = path.resolve(folder, value);
  const at = (message: string) => ({ problem: { message, keyPath: ['response_schema'] } });
  if (!existsSync(file)) return at(`"response_schema" file not found: ${file}`);
  if (!statSync(file).isFile()) return at(`"response_schema" must name a .json file, not a folder: ${file}`);
  if (path.extname(file).toLowerCase() !== '.json') {
    return at(`"response_schema" must be an inline mapping or the path of a .json file; got ${JSON.stringify(value)}`);
  }
  const parsed = parseUntrustedJson(readFileSync(file, 'utf8'));
  if (!parsed.ok) return at(`"response_schema" file ${file} is not valid JSON: ${parsed.error}`);
  const problem = objectSchemaProblem(parsed.value);
  if (problem !== undefined) return at(`"response_schema" in ${file} ${problem.message}`);
  return { schema: parsed.value as Record<string, unknown> };
}

/** Why `schema` is not a usable object schema, and the schema key at fault; undefined when it is. */
function objectSchemaProblem(schema: unknown): { message: string; key?: string } | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return { message: 'must be a JSON Schema object, like { "type": "object", "properties": { ... } }' };
  }
  const { type, properties } = schema as Record<string, unknown>;
  if (type !== 'object') {
    return { message: `must have type: object (its properties become output columns); got type ${JSON.stringify(type) ?? 'none'}`, key: 'type' };
  }
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties) || Object.keys(properties).length === 0) {
    return { message: 'needs at least one property under properties: (each property becomes an output column)', key: 'properties' };
  }
  if (Object.hasOwn(properties, 'id')) return { message: 'may not have an "id" property: "id" is the row id column', key: 'properties' };
  try {
    compileJsonSchema(schema);
  } catch (error) {
    return { message: `is not a valid JSON Schema: ${(error as Error).message}` };
  }
  return undefined;
}
