import { providerSchemaFor } from '../provider-schema/provider-schema-for.ts';
import { schemaDialectOf } from '../provider-schema/schema-dialect-of.ts';
import type { SchemaDialect } from '../provider-schema/provider-schema.ts';
import type { ResponseSchema } from './response-schema.ts';

const providerNames: Readonly<Record<SchemaDialect, string>> = { openai: 'OpenAI', anthropic: 'Anthropic', gemini: 'Gemini' };

/**
 * What a pass tells its user, once, about how its response schema is sent to a model of
 * `provider` (an AI SDK provider id): a line when the provider cannot enforce it, saying why.
 * `batched`: calls may carry several rows (the batch schema is checked too).
 */
export function schemaWarnings(provider: string, schema: ResponseSchema, { batched }: { batched: boolean }): string[] {
  const dialect = schemaDialectOf(provider);
  if (dialect === undefined) return [];
  const row = providerSchemaFor(dialect, schema.row);
  const batch = batched ? providerSchemaFor(dialect, schema.batch) : row;
  const reason = row.notStrictReason ?? batch.notStrictReason;
  if (reason === undefined) return [];
  const name = providerNames[dialect];
  const calls = row.strict ? 'calls of several rows' : 'calls';
  return [
    `the response schema has no form ${name} enforces (${reason}), so ${calls} send it without strict mode: ` +
      `${name} does not hold the model to it; Swarm still checks every answer against it and asks again when one misses it`,
  ];
}
