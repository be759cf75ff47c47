import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { metaSchemaErrors } from './meta-schema.ts';

/**
 * Checks `schema` against its meta-schema and compiles it into a validator that reports every
 * error. Throws, naming the first problems by their path in the schema, when it is not a valid
 * JSON Schema. The validators of the schemas compiled last are kept, by their JSON text: a plan's
 * hundreds of one-row passes with one schema compile it once.
 */
export function compileJsonSchema(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known !== undefined) {
    // Most recently used last: the first key is the one to forget.
    compiled.delete(key);
    compiled.set(key, known);
    return known;
  }
  const errors = metaSchemaErrors(schema);
  if (errors !== undefined) throw new Error(describeSchemaErrors(errors));
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } finally {
    ajv.removeSchema(schema);
  }
  compiled.set(key, validate);
  if (compiled.size > keptValidators) compiled.delete(compiled.keys().next().value!);
  return validate;
}

// Validators are synchronous: one shared by passes running at once is never used by two at a time.
const keptValidators = 64;
const compiled = new Map<string, ValidateFunction>();

// One instance for the process. It registers no schema by its $id and forgets each one once
// compiled: two passes may use the same $id for different schemas, and a long-lived process
// must not keep every schema it ever compiled. The meta-schema check is done before compiling.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, addUsedSchema: false });

function describeSchemaErrors(errors: ErrorObject[]): string {
  if (errors.length === 0) return 'it does not match the JSON Schema meta-schema';
  return errors
    .slice(0, 3)
    .map((error) => `${error.instancePath === '' ? 'the schema' : error.instancePath} ${error.message ?? 'is invalid'}`)
    .join('; ');
}
