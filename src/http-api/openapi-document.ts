import { z } from 'zod';
import type { ApiResponse, ApiRoute } from './api-route.ts';

/**
 * The OpenAPI 3.1 document of `routes`: paths, parameters, bodies (JSON Schemas made from the
 * same zod schemas the routes check bodies with), responses and the bearer token.
 */
export function openApiDocument(routes: readonly ApiRoute[], { version }: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParameters = [...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    const queryParameters = Object.entries(route.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } }));
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method.toLowerCase()] = {
      summary: route.summary,
      ...(pathParameters.length + queryParameters.length === 0 ? {} : { parameters: [...pathParameters, ...queryParameters] }),
      ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) } } } }),
      responses: Object.fromEntries(Object.entries({ ...route.responses, ...refusals(route) }).map(([status, response]) => [status, responseObject(response)])),
      ...(route.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Swarm daemon', version, description: "The HTTP API of `swarm start`: loopback only, the token of <store>/daemon.json on every route but /health and the dashboard's page (as a bearer token, or in the cookie the dashboard's sign-in sets)." },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '9999' } } }],
    security: [{ bearerToken: [] }],
    components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'The `token` of <store>/daemon.json.' } } },
    paths,
  };
}

// What every route may answer before its handler runs.
function refusals(route: ApiRoute): Record<number, ApiResponse> {
  const answers: Record<number, ApiResponse> = { 403: { description: 'A foreign Host or Origin.' }, 413: { description: 'The body is over the limit.' } };
  if (!route.public) answers[401] = { description: 'No token, or the wrong one.' };
  return answers;
}

function responseObject({ description, contentType }: ApiResponse): Record<string, unknown> {
  return contentType === undefined ? { description } : { description, content: { [contentType]: {} } };
}
