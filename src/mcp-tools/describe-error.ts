/** An error's message followed by its causes' messages (fetch hides "ECONNREFUSED" in its cause). */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current !== undefined && messages.length < 4; current = current instanceof Error ? current.cause : undefined) {
    const message = current instanceof Error ? current.message : String(current);
    if (!messages.some((seen) => seen.includes(message))) messages.push(message);
  }
  return messages.join(': ');
}
