import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSeeds } from '../../src/task/generate-seeds.ts';
import { loadTaskFile } from '../../src/task/load-task-file.ts';
import { SeedFileError } from '../../src/task/seed-file-error.ts';
import { removeTaskWorkspaces, taskWorkspace } from './support/task-workspace.ts';

afterAll(removeTaskWorkspaces);

describe('SeedFileError', () => {
  it('names the seeds file swarm seed cannot append to', async () => {
    const cwd = taskWorkspace({
      'task.yaml': 'task_type: generation\nprompt_template: "Write about {{seed}}."\nworker_model: mock\nseeds_file: seeds.csv\n',
      'seeds.csv': 'id,seed\ns1,rain\n',
    });
    const config = { aliases: {}, providers: {}, prices: {} };
    const task = loadTaskFile('task.yaml', { cwd, config, env: {} });
    const refused = await generateSeeds(task, { count: 5, config, env: {} }).catch((error: unknown) => error);
    expect(SeedFileError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ name: 'SeedFileError', file: path.join(cwd, 'seeds.csv') });
  });
});
