import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';

/** The meta-schema a schema without `$schema` is checked against. */
export const draft07Id = 'http://json-schema.org/draft-07/schema';

type MetaSchemaCheck = ((schema: unknown) => boolean) & { errors?: ErrorObject[] | null };

let check: MetaSchemaCheck | undefined | null;

/** Ajv's errors for `schema` against its meta-schema, or undefined when it is a valid schema. */
export function metaSchemaErrors(schema: object): ErrorObject[] | undefined {
  // Another draft named by `$schema` is Ajv's to find (and to refuse if it does not know it).
  if ('$schema' in schema && String(schema.$schema).replace(/#$/, '') !== draft07Id) return runtimeMetaErrors(schema);
  // null: looked for and not found; Ajv compiles the meta-schema instead.
  check ??= loadPrecompiledCheck() ?? null;
  if (check === null) return runtimeMetaErrors(schema);
  return check(schema) ? undefined : (check.errors ?? []);
}

// The check `npm install` precompiled (see scripts/generate-meta-schema-check.ts), when present.
function loadPrecompiledCheck(): MetaSchemaCheck | undefined {
  try {
    return createRequire(import.meta.url)('./generated/draft-07-check.cjs') as MetaSchemaCheck;
  } catch {
    return undefined;
  }
}

let ajv: Ajv | undefined;

// Compiles the meta-schema on first use: what Ajv does when nothing was precompiled.
function runtimeAjv(): Ajv {
  ajv ??= new Ajv({ allErrors: true, strict: false });
  return ajv;
}

function runtimeMetaErrors(schema: object): ErrorObject[] | undefined {
  const instance = runtimeAjv();
  return instance.validateSchema(schema) ? undefined : (instance.errors ?? []);
}
