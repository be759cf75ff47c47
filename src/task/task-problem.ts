/** One thing wrong with a task file, and the key a user should look at (its line goes in the message). */
export interface TaskProblem {
  message: string;
  /** Path of the offending key, e.g. `['completion', 'regex']`; empty for the file as a whole. */
  keyPath: readonly string[];
}
