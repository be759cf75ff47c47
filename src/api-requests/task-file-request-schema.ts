import { z } from 'zod';

/** `swarm run task.yaml`'s inputs as JSON. */
export const taskFileRequestShape = {
  file: z.string().min(1).describe("The task file (DeepSwarm task.yaml keys), on the daemon's machine; a relative path resolves against the daemon's folder."),
  total: z.number().int().min(0).optional().describe('Run only the first this many seeds.'),
  pilot: z.number().int().min(0).optional().describe('Run the first this many seeds as a pilot (the full run resumes after them).'),
};

/** A task file's job, as JSON. */
export const taskFileRequestSchema = z.strictObject(taskFileRequestShape);

/** The JSON form of a task file's job. */
export type TaskFileRequest = z.infer<typeof taskFileRequestSchema>;
