import type { ApiRoute } from './api-route.ts';
import { dashboardRoutes } from './routes/dashboard-routes.ts';
import { healthRoute } from './routes/health-route.ts';
import { mcpRoutes } from './routes/mcp-routes.ts';
import { openApiRoute } from './routes/openapi-route.ts';
import { parallelRoute } from './routes/parallel-route.ts';
import { planRoutes } from './routes/plan-routes.ts';
import { researchRoute } from './routes/research-route.ts';
import { passRoutes } from './routes/pass-routes.ts';
import { planViewRoutes } from './routes/plan-view-routes.ts';
import { rowRoutes } from './routes/row-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { spendRoute } from './routes/spend-route.ts';
import { statusRoute } from './routes/status-route.ts';
import { tableRoutes } from './routes/table-routes.ts';
import { taskFileRoute } from './routes/task-file-route.ts';

/**
 * Every route of the HTTP API, in the order the OpenAPI document lists them. The app, the
 * document and the security test are all built from this list: a route is added here and
 * nowhere else.
 */
export const apiRoutes: readonly ApiRoute[] = [
  healthRoute,
  statusRoute,
  openApiRoute,
  parallelRoute,
  ...tableRoutes,
  ...rowRoutes,
  ...passRoutes,
  taskFileRoute,
  ...planRoutes,
  ...planViewRoutes,
  researchRoute,
  ...runRoutes,
  spendRoute,
  ...mcpRoutes,
  ...dashboardRoutes,
];
