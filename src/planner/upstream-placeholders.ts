const placeholderPattern = /\{tasks\.([A-Za-z0-9_.-]+)\}/g;

/** The `{tasks.<id>}` and `{tasks.<id>.<field>}` placeholders of a description, as the paths after `tasks.` (`scope`, `search-a.urls`). */
export function upstreamPlaceholders(description: string): string[] {
  return [...description.matchAll(placeholderPattern)].map((match) => match[1]!);
}

/** The task among `ids` a placeholder path names: the id itself, or the id before a `.<field>` (the longest that fits, as ids may hold dots). */
export function placeholderTask(path: string, ids: Iterable<string>): string | undefined {
  let found: string | undefined;
  for (const id of ids) {
    if ((path === id || path.startsWith(`${id}.`)) && id.length > (found?.length ?? -1)) found = id;
  }
  return found;
}
