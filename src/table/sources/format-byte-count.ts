/** Formats a size in decimal units with at most one decimal: "512 bytes", "3.2 KB", "1 MB", "210 MB". */
export function formatByteCount(byteCount: number): string {
  if (byteCount < 1000) return `${byteCount} bytes`;
  const [divisor, unit] =
    byteCount < 1_000_000 ? [1000, 'KB'] : byteCount < 1_000_000_000 ? [1_000_000, 'MB'] : [1_000_000_000, 'GB'];
  // One decimal is enough to tell sizes apart in a message; ".0" is noise.
  return `${Number((byteCount / divisor).toFixed(1))} ${unit}`;
}
