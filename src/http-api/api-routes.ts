import type { ApiRoute } from './api-route.ts';
import { healthRoute } from './routes/health-route.ts';
import { mcpRoutes } from './routes/mcp-routes.ts';
import { openApiRoute } from './routes/openapi-route.ts';
import { parallelRoute } from './routes/parallel-route.ts';
import { planRoutes } from './routes/plan-routes.ts';
import { researchRoute } from './routes/research-route.ts';
import { runRoutes } from './routes/run-routes.ts';
import { statusRoute } from './routes/status-route.ts';
import { tableRoutes } from './routes/table-routes.ts';
import { taskFileRoute } from './routes/task-file-route.ts';

/**
 * Every route of the HTTP API, in the order the OpenAPI document lists them. The app, the
 * document and the security test are all built from this list: a route is added here and
 * nowhere else.
 */
export const apiRoutes: readonly ApiRoute[] = [healthRoute, statusRoute, openApiRoute, parallelRoute, ...tableRoutes, taskFileRoute, ...planRoutes, researchRoute, ...runRoutes, ...mcpRoutes];
