/** A state in words and in colour (the colour only repeats the word). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge state-${status}`}>{status}</span>;
}
