import { answerToolOf } from '../answer-tool-of.ts';
import { isRecord } from '../is-record.ts';
import type { Refusal } from '../simulated-call.ts';
import type { OfferedTool, ToolUse } from '../tool-use.ts';
import { restoreDescribedConstraints } from '../anthropic/restore-described-constraints.ts';
import { geminiJsonSchemaProblem } from './gemini-json-schema-problem.ts';
import { geminiUnknownSchemaFields } from './gemini-unknown-schema-fields.ts';
import { lowercaseSchemaTypes } from './lowercase-schema-types.ts';

const invalidName =
  'Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.) or dashes (-), with a maximum length of 64.';

/**
 * The function declarations of a `generateContent` request (`tools[].functionDeclarations`, each
 * with an OpenAPI-subset `parameters` or a JSON Schema `parametersJsonSchema`) and how
 * `toolConfig.functionCallingConfig` lets the model use them: `mode` `AUTO` (the default),
 * `VALIDATED`, `ANY`, `NONE`, narrowed by `allowedFunctionNames`
 * (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes). Refused as
 * Gemini refuses them: names it will not take (every one listed, as reported in
 * google-gemini/gemini-cli#2966; colons are allowed as the `FunctionDeclaration` reference says),
 * `parameters` with fields `Schema` does not have (each named, with a `google.rpc.BadRequest`
 * detail, as reported in glowingjade/obsidian-smart-composer#455), a `parametersJsonSchema` it
 * refuses as it refuses a `responseJsonSchema`.
 */
export function readGeminiTools(body: Record<string, unknown>): { tools?: ToolUse; refusal?: Refusal } {
  const offered: OfferedTool[] = [];
  const badNames: string[] = [];
  const unknownFields: Array<{ name: string; path: string }> = [];
  let schemaRefused = false;
  for (const [toolIndex, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    const declarations = isRecord(tool) ? (tool.functionDeclarations ?? tool.function_declarations) : undefined;
    for (const [index, declaration] of (Array.isArray(declarations) ? declarations : []).entries()) {
      if (!isRecord(declaration)) continue;
      const path = `tools[${toolIndex}].function_declarations[${index}]`;
      const name = typeof declaration.name === 'string' ? declaration.name : '';
      if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(name)) badNames.push(`* GenerateContentRequest.${path}.name: ${invalidName}\n`);
      const jsonSchema = declaration.parametersJsonSchema ?? declaration.parameters_json_schema;
      if (jsonSchema !== undefined && geminiJsonSchemaProblem(jsonSchema) !== undefined) schemaRefused = true;
      unknownFields.push(...geminiUnknownSchemaFields(declaration.parameters, `${path}.parameters`));
      // Bounds outside Gemini's subset travel in descriptions, which a real model reads; the mock reads keywords.
      const parameters = jsonSchema !== undefined ? restoreDescribedConstraints(jsonSchema) : lowercaseSchemaTypes(declaration.parameters);
      offered.push({ name, parameters: isRecord(parameters) ? parameters : { type: 'object', properties: {} } });
    }
  }
  if (unknownFields.length > 0) {
    const violations = unknownFields.map(({ name, path }) => ({ field: path, description: `Invalid JSON payload received. Unknown name "${name}" at '${path}': Cannot find field.` }));
    return { refusal: { message: violations.map((violation) => violation.description).join('\n'), details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations }] } };
  }
  if (badNames.length > 0) return { refusal: { message: badNames.join('') } };
  // An unknown field fails reading the request, before any other check. Gemini names no cause for a schema it refuses.
  if (schemaRefused) return { refusal: { message: 'Request contains an invalid argument.' } };
  if (offered.length === 0) return {};
  const config = isRecord(body.toolConfig) && isRecord(body.toolConfig.functionCallingConfig) ? body.toolConfig.functionCallingConfig : {};
  const mode = typeof config.mode === 'string' ? config.mode.toUpperCase() : 'AUTO';
  const choice = mode === 'NONE' ? 'none' : mode === 'ANY' ? 'required' : 'auto';
  const names = Array.isArray(config.allowedFunctionNames) ? config.allowedFunctionNames.filter((name): name is string => typeof name === 'string') : [];
  const answerTool = answerToolOf(offered, choice);
  return {
    tools: {
      offered,
      choice,
      allowed: names.length > 0 ? names : offered.map((tool) => tool.name),
      parallel: true,
      ...(answerTool === undefined ? {} : { answerTool }),
    },
  };
}
