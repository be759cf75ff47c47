import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseRequest } from '../../api-requests/parse-request.ts';
import { rowsQuerySchema } from '../../api-requests/rows-query-schema.ts';
import { runOptionsSchema } from '../../api-requests/run-options-schema.ts';
import { createTableSchema } from '../../api-requests/table-source-schema.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { exportFormats, type ExportFormat } from '../../export/export-format.ts';
import type { RowFilter } from '../../filter/row-filter.ts';
import type { TableSource } from '../../table/sources/table-source.ts';
import { acceptedRun } from '../accepted-run.ts';
import type { ApiRoute } from '../api-route.ts';
import { jsonQuery, listQuery, wholeQuery } from '../query-values.ts';
import { readJsonBody } from '../read-json-body.ts';

const contentTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

const rowsQuery = {
  filter: 'A row filter as JSON, e.g. {"column":"label","equals":"spam"} or {"status":"failed"}.',
  columns: 'Comma-separated columns to keep (id is always kept).',
};

/** Tables: list, create (from records or a file path on this machine), rows, export, and start a pass. */
export const tableRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/tables',
    summary: 'Every table of the store, newest first.',
    responses: { 200: { description: '`{ tables: [{ id, count, columns, createdAt, passes }] }`' } },
    handler: async (c, { swarm }) => c.json({ tables: await swarm.tables() }),
  },
  {
    method: 'POST',
    path: '/tables',
    summary: 'Create a table from `tasks` (records), `file` (a JSONL, CSV or JSON file on this machine), `glob` or `filePaths`; relative paths are resolved against the daemon’s folder.',
    body: createTableSchema,
    responses: { 201: { description: '`{ id, count, columns }`' }, 400: { description: 'A bad source: `{ error }`; no table is left behind.' } },
    async handler(c, { swarm }) {
      const { id, maxFileBytes, ...source } = await readJsonBody(c, createTableSchema, 'table');
      return c.json(await swarm.create(source as TableSource, { id, maxFileBytes, abortSignal: c.req.raw.signal }), 201);
    },
  },
  {
    method: 'GET',
    path: '/tables/:id/rows',
    summary: "A table's rows, filtered and projected.",
    query: { ...rowsQuery, limit: 'At most this many rows.', offset: 'Skip this many matching rows first (the next page).' },
    responses: { 200: { description: '`{ rows: [{ id, ...columns }] }`' }, 404: { description: 'No such table.' } },
    async handler(c, { swarm }) {
      const query = parseRequest(rowsQuerySchema, { filter: jsonQuery(c, 'filter'), columns: listQuery(c, 'columns'), limit: wholeQuery(c, 'limit'), offset: wholeQuery(c, 'offset') }, 'rows query');
      return c.json({ rows: await swarm.rows(c.req.param('id')!, { ...query, filter: query.filter as RowFilter | undefined }) });
    },
  },
  {
    method: 'GET',
    path: '/tables/:id/export',
    summary: 'A table as a file, streamed: JSONL (default), JSON, CSV or Parquet.',
    query: { ...rowsQuery, format: `One of ${exportFormats.join(', ')}.` },
    responses: { 200: { description: 'The file.', contentType: 'application/octet-stream' }, 404: { description: 'No such table.' } },
    async handler(c, { swarm }) {
      const tableId = c.req.param('id')!;
      const format = (c.req.query('format') ?? 'jsonl') as ExportFormat;
      if (!exportFormats.includes(format)) throw new InvalidInputError(`?format must be one of ${exportFormats.join(', ')}, got ${JSON.stringify(format)}`);
      const query = parseRequest(rowsQuerySchema, { filter: jsonQuery(c, 'filter'), columns: listQuery(c, 'columns') }, 'export query');
      const options = { filter: query.filter as RowFilter | undefined, columns: query.columns };
      // Unknown tables, columns and bad filters are refused before the first byte is sent.
      await swarm.rows(tableId, { ...options, limit: 0 });
      const headers = { 'content-type': contentTypes[format], 'content-disposition': `attachment; filename="${tableId}.${format}"` };
      if (format === 'parquet') {
        // Parquet is written whole to a file first (its footer comes last), then sent.
        const file = path.join(tmpdir(), `swarm-export-${crypto.randomUUID()}.parquet`);
        await swarm.exportTable(tableId, { ...options, format, out: file, abortSignal: c.req.raw.signal });
        const stream = createReadStream(file);
        stream.on('close', () => void rm(file, { force: true }));
        return new Response(Readable.toWeb(stream) as ReadableStream, { headers });
      }
      const body = new PassThrough();
      swarm.exportTable(tableId, { ...options, format, out: body, abortSignal: c.req.raw.signal }).then(
        () => body.end(),
        (error: unknown) => body.destroy(error as Error),
      );
      return new Response(Readable.toWeb(body) as ReadableStream, { headers });
    },
  },
  {
    method: 'POST',
    path: '/tables/:id/passes',
    summary:
      "Start a pass over a table: the body is `run()`'s options (`instruction` and `responseSchema`, or `command`, plus `filter`, `model`, …). It runs in the daemon whoever disconnects; follow it at /runs/{id}/events.",
    body: runOptionsSchema,
    responses: {
      202: { description: '`{ run: { id, kind, status, progress } }`; Location: /runs/{id}.' },
      400: { description: 'Options, schema or model refused before any call: `{ error }`.' },
      404: { description: 'No such table.' },
      409: { description: 'The same pass is already running.' },
    },
    async handler(c, { runs }) {
      const options = await readJsonBody(c, runOptionsSchema, 'pass options');
      return acceptedRun(c, await runs.start('pass', { tableId: c.req.param('id'), options }));
    },
  },
];
