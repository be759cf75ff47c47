import { z } from 'zod';

/** `create(source, options)` as JSON: exactly one of `tasks`, `glob`, `filePaths`, `file`, plus the options. */
export const createTableShape = {
  tasks: z.array(z.record(z.string(), z.unknown())).optional().describe('Records, each with an `id`.'),
  glob: z.union([z.string(), z.array(z.string())]).optional().describe('File patterns, one row per file ({file} holds its path).'),
  filePaths: z.array(z.string()).optional().describe('Files, one row per file.'),
  file: z.string().optional().describe('A data file: .jsonl/.ndjson, .csv, or a .json array of objects.'),
  id: z.string().optional().describe('The table id; generated from the source when left out.'),
  maxFileBytes: z.number().int().min(1).optional().describe('Largest file a file row may point at.'),
};

/** A table to create, as JSON. */
export const createTableSchema = z.strictObject(createTableShape).refine((value) => ['tasks', 'glob', 'filePaths', 'file'].filter((key) => key in value && value[key as keyof typeof value] !== undefined).length === 1, {
  message: 'give exactly one of tasks, glob, filePaths, file',
});

/** The JSON form of a `create()` call. */
export type CreateTableRequest = z.infer<typeof createTableSchema>;
