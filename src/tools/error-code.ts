/** The `code` of a Node system error (`ENOENT`, `ELOOP`, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
