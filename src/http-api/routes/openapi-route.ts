import type { ApiRoute } from '../api-route.ts';

/** `GET /openapi.json`: this API's OpenAPI document. */
export const openApiRoute: ApiRoute = {
  method: 'GET',
  path: '/openapi.json',
  summary: 'The OpenAPI 3.1 document of this API.',
  responses: { 200: { description: 'The document.' } },
  handler: (c, { openApi }) => c.json(openApi()),
};
