import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';

type SchemaObject = Record<string, unknown>;

const candidates: ReadonlyArray<[unknown, string]> = [
  [12345, 'number'],
  ['wrong type', 'string'],
  [true, 'boolean'],
  [['wrong type'], 'array'],
  [{ wrong: 'type' }, 'object'],
  [null, 'null'],
];

/**
 * A value whose JSON type the schema does not accept, for deliberately broken mock answers;
 * undefined when the schema accepts every type. `root` resolves `$ref`s.
 */
export function wrongTypedValue(schema: unknown, root: unknown): unknown {
  const allowed = allowedTypes(schema, root, 0);
  if (allowed === 'any') return undefined;
  return candidates.find(([, type]) => !allowed.has(type))?.[0];
}

function allowedTypes(schema: unknown, root: unknown, depth: number): Set<string> | 'any' {
  if (schema === false) return new Set();
  if (typeof schema !== 'object' || schema === null || depth > 8) return 'any';
  const node = schema as SchemaObject;
  if ('const' in node) return new Set([jsonType(node.const)]);
  if (Array.isArray(node.enum)) return new Set(node.enum.map(jsonType));
  if (typeof node.$ref === 'string') return allowedTypes(resolveSchemaRef(root, node.$ref), root, depth + 1);
  const branches = node.anyOf ?? node.oneOf;
  if (Array.isArray(branches)) {
    const union = new Set<string>();
    for (const branch of branches) {
      const types = allowedTypes(branch, root, depth + 1);
      if (types === 'any') return 'any';
      for (const type of types) union.add(type);
    }
    return union;
  }
  const types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type : undefined;
  if (types !== undefined) return new Set(types.map((type) => (type === 'integer' ? 'number' : String(type))));
  if (typeof node.properties === 'object') return new Set(['object']);
  if (node.items !== undefined) return new Set(['array']);
  return 'any';
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
