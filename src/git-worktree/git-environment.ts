// Variables that point git at another repository, work tree or index than the folder it runs in.
const redirecting = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_PREFIX'];

/**
 * `env` for git run in a row's worktree (by Swarm or by the row's command): without the variables
 * that would send git to another repository than the folder's, and never prompting for anything.
 */
export function gitEnvironment(env: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = { ...env, GIT_TERMINAL_PROMPT: '0' };
  for (const name of redirecting) delete result[name];
  return result;
}
