import { setCookie } from 'hono/cookie';
import type { ApiRoute } from '../api-route.ts';
import { dashboardFile } from '../dashboard-files.ts';
import { jsonError } from '../json-error.ts';

/**
 * The dashboard's page and its scripts: answered without the token, since they hold no data (every
 * request the page makes for data needs it). `/?token=` signs the browser in once: the token goes
 * into an HttpOnly, SameSite=Strict cookie and the browser is sent on to `/`, so the token leaves
 * the address bar and its history.
 */
export const dashboardRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/',
    summary: 'The dashboard. With `?token=` (the address `swarm start` prints), signs the browser in with a cookie and redirects to `/`; without it, the page asks for the token.',
    public: true,
    query: { token: 'The token of <store>/daemon.json; sent once, then kept in an HttpOnly cookie.' },
    responses: { 200: { description: 'The page.' }, 303: { description: 'Signed in (or the token was refused): on to `/`.' } },
    handler(c, { auth }) {
      const token = c.req.query('token');
      if (token !== undefined) {
        if (!auth.accepts(token)) return c.redirect('/?refused=1', 303);
        setCookie(c, auth.cookieName(), token, { httpOnly: true, sameSite: 'Strict', path: '/' });
        return c.redirect('/', 303);
      }
      return dashboardFile('index.html')!;
    },
  },
  {
    method: 'GET',
    path: '/assets/:file',
    summary: "The dashboard's scripts and styles.",
    public: true,
    responses: { 200: { description: 'The file.', contentType: 'application/octet-stream' }, 404: { description: 'No such file.' } },
    handler: (c) =>
      dashboardFile(`assets/${c.req.param('file')}`) ?? jsonError(c, 404, { name: 'NotFoundError', message: `the dashboard has no file ${c.req.path}` }),
  },
];
