import { z } from 'zod';

/** `rows(tableId, options)` as JSON. */
export const rowsQueryShape = {
  filter: z.record(z.string(), z.unknown()).optional().describe('Only rows matching this filter, e.g. {"column":"label","equals":"spam"} or {"status":"failed"}.'),
  columns: z.array(z.string()).optional().describe('Only these columns (and id).'),
  limit: z.number().int().min(0).optional().describe('At most this many rows.'),
  offset: z.number().int().min(0).optional().describe('Skip this many matching rows first (the next page).'),
};

/** Which rows to read, as JSON. */
export const rowsQuerySchema = z.strictObject(rowsQueryShape);
