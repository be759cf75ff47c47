import type { Context } from 'hono';
import type { z } from 'zod';
import type { RunManager } from '../runs/run-manager.ts';
import type { Swarm } from '../swarm/open-swarm.ts';

/** What route handlers work with. */
export interface ApiServices {
  /** The Swarm API of the daemon's store. */
  swarm: Swarm;
  runs: RunManager;
  /** The daemon's state for `GET /status`. */
  status(): unknown;
  /** Answers the MCP streamable-HTTP endpoint. */
  mcp(request: Request): Promise<Response>;
  /** The OpenAPI document of every route. */
  openApi(): unknown;
  /** The daemon's token, for the dashboard's sign-in. */
  auth: { accepts(token: string): boolean; cookieName(): string };
}

/** An HTTP method the API uses. */
export type ApiMethod = 'GET' | 'POST' | 'DELETE';

/** One route: how it is called, what it takes and answers (for the OpenAPI document), and its handler. */
export interface ApiRoute {
  method: ApiMethod;
  /** Hono's path syntax: `/tables/:id/rows`. */
  path: string;
  summary: string;
  /** Answered without the token (`/health` and the dashboard's page, which hold no data). */
  public?: boolean;
  /** The JSON body it takes. */
  body?: z.ZodType;
  /** Its query parameters: name → description. */
  query?: Record<string, string>;
  /** Status code → what that response is. */
  responses: Record<number, ApiResponse>;
  handler(c: Context, services: ApiServices): Response | Promise<Response>;
}

/** One response of a route, for the OpenAPI document. */
export interface ApiResponse {
  description: string;
  /** Media type → nothing more specific than JSON is described. */
  contentType?: 'application/json' | 'application/x-ndjson' | 'text/event-stream' | 'application/octet-stream';
}
