import type { AnswerPlan, Corruption } from './answer-plan.ts';
import { compileValueGenerator } from './compile-value-generator.ts';
import { wrongTypedValue } from './wrong-typed-value.ts';

type SchemaObject = Record<string, unknown>;

// Keyed by the schema object itself: the engine passes the same object on every call of a pass,
// so each schema is compiled once however many calls use it.
const plans = new WeakMap<object, AnswerPlan>();
const varyingPlans = new WeakMap<object, AnswerPlan>();

/**
 * The compiled answer plan for a response schema, compiled on first use and cached per schema
 * object. `vary`: optional properties sometimes left out and nullable values sometimes null.
 */
export function answerPlanFor(schema: object, { vary = false }: { vary?: boolean } = {}): AnswerPlan {
  const cache = vary ? varyingPlans : plans;
  let plan = cache.get(schema);
  if (plan === undefined) {
    plan = compileAnswerPlan(schema, vary);
    cache.set(schema, plan);
  }
  return plan;
}

function compileAnswerPlan(schema: object, vary: boolean): AnswerPlan {
  const single = compileValueGenerator(schema, { context: { root: schema, refs: new Map(), vary } });
  const properties = propertiesOf(schema);
  const results = properties?.results;
  const itemSchema = isObject(results) ? results.items : undefined;
  const itemProperties = propertiesOf(itemSchema);
  if (properties === undefined || itemProperties === undefined || !Object.hasOwn(itemProperties, 'id')) {
    return { single, batch: undefined, singleCorruption: corruptionFor(schema, schema, []), batchCorruption: undefined };
  }
  const idSchema = itemProperties.id;
  const numericId = isObject(idSchema) && (idSchema.type === 'integer' || idSchema.type === 'number');
  const { results: _results, ...others } = properties;
  const envelope =
    Object.keys(others).length === 0
      ? undefined
      : compileValueGenerator({ type: 'object', properties: others }, { context: { root: schema, refs: new Map(), vary } });
  return {
    single,
    // Compiled at the root path, so a row's fields are the same whether it is asked alone or in a batch.
    batch: { item: compileValueGenerator(itemSchema, { context: { root: schema, refs: new Map(), vary } }), envelope, numericId },
    singleCorruption: corruptionFor(schema, schema, []),
    batchCorruption: corruptionFor(itemSchema, schema, ['id']),
  };
}

function corruptionFor(schema: unknown, root: unknown, skip: string[]): Corruption | undefined {
  const properties = propertiesOf(schema);
  if (properties === undefined) return undefined;
  const required = new Set(isObject(schema) && Array.isArray(schema.required) ? schema.required : []);
  // Required fields first: a broken required field can never be waved through as absent.
  const keys = Object.keys(properties).sort((left, right) => Number(required.has(right)) - Number(required.has(left)));
  for (const key of keys) {
    if (skip.includes(key)) continue;
    const value = wrongTypedValue(properties[key], root);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

function propertiesOf(schema: unknown): SchemaObject | undefined {
  return isObject(schema) && isObject(schema.properties) ? schema.properties : undefined;
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
