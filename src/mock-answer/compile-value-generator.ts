import { hashString } from './hash-string.ts';
import { mixHash } from './mix-hash.ts';
import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import type { ValueGenerator } from './value-generator.ts';

type SchemaObject = Record<string, unknown>;

/** What compiling one schema shares across its nodes: the root for `$ref`s and the refs compiled so far. */
export interface CompileContext {
  root: unknown;
  refs: Map<string, ValueGenerator>;
  /**
   * Answer like a model that uses its freedom: in about one row in three, an optional property is
   * left out and a nullable value is null. Off, every property is given and nothing is null.
   */
  vary?: boolean;
}

// Past this depth recursive schemas get only required properties and minimal arrays; past the
// hard limit, null. Real response schemas are far shallower.
const shallowDepth = 6;
const maximumDepth = 24;

/**
 * Compiles a JSON Schema into a function that generates a schema-valid value (roughly: formats,
 * patterns and uniqueness are best-effort) deterministically from a hash. Compile once per schema;
 * generating is then cheap. `name` is used in generated strings; `path` varies values by position.
 */
export function compileValueGenerator(
  schema: unknown,
  { name = 'answer', path = '', context = { root: schema, refs: new Map() } }: { name?: string; path?: string; context?: CompileContext } = {},
): ValueGenerator {
  if (schema === false) return () => null;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return stringGenerator({}, name, path);
  const node = schema as SchemaObject;
  const pathHash = hashString(path);
  const child = (childSchema: unknown, childName: string, childPath: string) =>
    compileValueGenerator(childSchema, { name: childName, path: childPath, context });

  if ('const' in node) return () => node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const values = node.enum;
    return (hash) => values[mixHash(hash, pathHash) % values.length];
  }
  if (typeof node.$ref === 'string') return referenceGenerator(node.$ref, name, context);
  const branches = node.anyOf ?? node.oneOf;
  if (Array.isArray(branches)) {
    const branch = branches.find((candidate) => !isNullOnly(candidate));
    if (branch === undefined) return () => null;
    const generate = child(branch, name, path);
    return context.vary === true && branches.some(isNullOnly) ? sometimesNull(generate, pathHash) : generate;
  }
  if (Array.isArray(node.allOf)) return child(mergeAllOf(node), name, path);
  if (context.vary === true && Array.isArray(node.type) && node.type.includes('null') && typeOf(node) !== 'null') {
    return sometimesNull(compileValueGenerator({ ...node, type: typeOf(node) }, { name, path, context }), pathHash);
  }

  switch (typeOf(node)) {
    case 'object':
      return objectGenerator(node, path, child, context.vary === true);
    case 'array':
      return arrayGenerator(node, { name, path, pathHash, child });
    case 'integer':
      return integerGenerator(node, pathHash);
    case 'number':
      return numberGenerator(node, pathHash);
    case 'boolean':
      return (hash) => (mixHash(hash, pathHash) & 1) === 1;
    case 'null':
      return () => null;
    default:
      return stringGenerator(node, name, path);
  }
}

function typeOf(node: SchemaObject): string {
  if (typeof node.type === 'string') return node.type;
  if (Array.isArray(node.type)) return node.type.find((type) => type !== 'null') ?? 'null';
  if (typeof node.properties === 'object' || Array.isArray(node.required)) return 'object';
  if (node.items !== undefined || Array.isArray(node.prefixItems)) return 'array';
  return 'string';
}

function isNullOnly(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as SchemaObject).type === 'null';
}

function mergeAllOf(node: SchemaObject): SchemaObject {
  const { allOf, ...rest } = node;
  const merged: SchemaObject = { ...rest, properties: { ...(rest.properties as object) }, required: [...asStrings(rest.required)] };
  for (const part of allOf as unknown[]) {
    if (typeof part !== 'object' || part === null) continue;
    const { properties, required, ...others } = part as SchemaObject;
    Object.assign(merged, others, merged.type === undefined ? {} : { type: merged.type });
    Object.assign(merged.properties as object, properties);
    (merged.required as string[]).push(...asStrings(required));
  }
  return merged;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function referenceGenerator(ref: string, name: string, context: CompileContext): ValueGenerator {
  // Compiled on first use and shared, so recursive schemas compile once and stop at the depth limit.
  return (hash, label, ordinal, depth) => {
    let generate = context.refs.get(ref);
    if (generate === undefined) {
      generate = compileValueGenerator(resolveSchemaRef(context.root, ref), { name, path: ref, context });
      context.refs.set(ref, generate);
    }
    return depth > maximumDepth ? null : generate(hash, label, ordinal, depth);
  };
}

type CompileChild = (schema: unknown, name: string, path: string) => ValueGenerator;

function objectGenerator(node: SchemaObject, path: string, child: CompileChild, vary: boolean): ValueGenerator {
  const properties = typeof node.properties === 'object' && node.properties !== null ? (node.properties as SchemaObject) : {};
  const required = new Set(asStrings(node.required));
  const fields = Object.entries(properties).map(([key, schema]) => ({
    key,
    required: required.has(key),
    generate: child(schema, key, `${path}.${key}`),
    pathHash: hashString(`${path}.${key}`),
  }));
  for (const key of required) {
    if (!Object.hasOwn(properties, key)) fields.push({ key, required: true, generate: child(true, key, `${path}.${key}`), pathHash: 0 });
  }
  return (hash, label, ordinal, depth) => {
    if (depth > maximumDepth) return null;
    const value: Record<string, unknown> = {};
    for (const field of fields) {
      if (!field.required && (depth >= shallowDepth || (vary && leftOut(hash, field.pathHash)))) continue;
      const fieldValue = field.generate(hash, label, ordinal, depth + 1);
      if (field.key === '__proto__') Object.defineProperty(value, field.key, { value: fieldValue, enumerable: true });
      else value[field.key] = fieldValue;
    }
    return value;
  };
}

/** About one row in three, by row and position. */
function leftOut(hash: number, pathHash: number): boolean {
  return mixHash(hash, pathHash ^ 0x5bd1e995) % 3 === 0;
}

/** Null in about one row in three, else what `generate` gives. */
function sometimesNull(generate: ValueGenerator, pathHash: number): ValueGenerator {
  return (hash, label, ordinal, depth) => (leftOut(hash, pathHash ^ 0x27d4eb2f) ? null : generate(hash, label, ordinal, depth));
}

function arrayGenerator(
  node: SchemaObject,
  { name, path, pathHash, child }: { name: string; path: string; pathHash: number; child: CompileChild },
): ValueGenerator {
  const tuple = Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : [];
  const tupleGenerators = tuple.map((schema, index) => child(schema, name, `${path}[${index}]`));
  const rest = Array.isArray(node.items) ? node.additionalItems : node.items;
  const restGenerator = rest === false ? undefined : child(rest ?? true, name, `${path}[]`);
  const minItems = Math.max(tupleGenerators.length, nonNegativeInteger(node.minItems) ?? 0);
  const maxItems = restGenerator === undefined ? tupleGenerators.length : (nonNegativeInteger(node.maxItems) ?? Infinity);
  const unique = node.uniqueItems === true;
  return (hash, label, _ordinal, depth) => {
    if (depth > maximumDepth) return [];
    const wanted = depth >= shallowDepth ? minItems : 1 + (mixHash(hash, pathHash) % 3);
    const count = Math.min(maxItems, Math.max(minItems, wanted));
    const items: unknown[] = [];
    const seen = unique ? new Set<string>() : undefined;
    // Unique arrays may need extra draws when two slots produce the same value.
    const slots = unique ? count + 16 : count;
    for (let index = 0; index < slots && items.length < count; index++) {
      const generate = tupleGenerators[index] ?? restGenerator!;
      const item = generate(mixHash(hash, index + 1), label, index + 1, depth + 1);
      if (seen !== undefined) {
        const key = JSON.stringify(item);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      items.push(item);
    }
    return items;
  };
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function bounds(node: SchemaObject): { low: number; high: number; exclusiveLow: boolean; exclusiveHigh: boolean } {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const exclusiveMinimum = number(node.exclusiveMinimum);
  const exclusiveMaximum = number(node.exclusiveMaximum);
  let low = exclusiveMinimum ?? number(node.minimum);
  let high = exclusiveMaximum ?? number(node.maximum);
  if (low === undefined && high === undefined) [low, high] = [0, 100];
  low ??= high! - 100;
  high ??= low + 100;
  return { low, high, exclusiveLow: exclusiveMinimum !== undefined, exclusiveHigh: exclusiveMaximum !== undefined };
}

function integerGenerator(node: SchemaObject, pathHash: number): ValueGenerator {
  const { low, high, exclusiveLow, exclusiveHigh } = bounds(node);
  const step = typeof node.multipleOf === 'number' && Number.isInteger(node.multipleOf) && node.multipleOf > 0 ? node.multipleOf : 1;
  const first = Math.ceil((exclusiveLow ? Math.floor(low) + 1 : Math.ceil(low)) / step);
  const last = Math.floor((exclusiveHigh ? Math.ceil(high) - 1 : Math.floor(high)) / step);
  const span = Math.max(1, last - first + 1);
  return (hash) => (first + (mixHash(hash, pathHash) % span)) * step;
}

function numberGenerator(node: SchemaObject, pathHash: number): ValueGenerator {
  const { low, high, exclusiveLow, exclusiveHigh } = bounds(node);
  const middle = (low + high) / 2;
  return (hash) => {
    const value = Math.round((low + (mixHash(hash, pathHash) / 4294967296) * (high - low)) * 100) / 100;
    const outside = value < low || value > high || (exclusiveLow && value <= low) || (exclusiveHigh && value >= high);
    return outside ? middle : value;
  };
}

function stringGenerator(node: SchemaObject, name: string, path: string): ValueGenerator {
  const pathHash = hashString(path);
  switch (node.format) {
    case 'date-time':
      return (hash) => dateFrom(mixHash(hash, pathHash)).toISOString();
    case 'date':
      return (hash) => dateFrom(mixHash(hash, pathHash)).toISOString().slice(0, 10);
    case 'email':
      return (hash) => `mock.${mixHash(hash, pathHash).toString(16)}@example.com`;
    case 'uri':
    case 'url':
      return (hash) => `https://example.com/mock/${mixHash(hash, pathHash).toString(16)}`;
    case 'uuid':
      return (hash) => uuidFrom(mixHash(hash, pathHash));
  }
  const minLength = nonNegativeInteger(node.minLength) ?? 0;
  const maxLength = nonNegativeInteger(node.maxLength) ?? Infinity;
  return (_hash, label, ordinal) => {
    const text = `mock ${name}${ordinal > 0 ? ` ${ordinal}` : ''} for ${label}`;
    return text.length < minLength ? text.padEnd(minLength, ' mock') : text.length > maxLength ? text.slice(0, maxLength) : text;
  };
}

function dateFrom(hash: number): Date {
  const fiveYearsOfSeconds = 5 * 365 * 86_400;
  return new Date(Date.UTC(2020, 0, 1) + (hash % fiveYearsOfSeconds) * 1000);
}

function uuidFrom(hash: number): string {
  const hex = [1, 2, 3, 4].map((part) => mixHash(hash, part).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
