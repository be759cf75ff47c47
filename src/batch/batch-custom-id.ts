// Item ids can hold any characters, custom ids cannot (Anthropic allows ^[A-Za-z0-9_-]{1,64}$), so
// items go in under their position in the record's `itemIds`.

/** The custom id of the item at `index` of a batch. */
export function batchCustomId(index: number): string {
  return `r${index}`;
}

/** The position a custom id stands for, or undefined when it is not one of ours. */
export function batchItemIndex(customId: string): number | undefined {
  const match = /^r(\d{1,9})$/.exec(customId);
  return match === null ? undefined : Number(match[1]);
}
