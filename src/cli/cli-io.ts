/** Where a CLI invocation reads and writes; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  env: Record<string, string | undefined>;
}
