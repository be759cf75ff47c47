/** JSON the simulator was sent, read: the value, or why it is not JSON. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The simulator's one path for JSON it receives (request bodies, batch input lines, answers it
 * re-reads). No repair, as a provider makes none. Its own, not the engine's: the simulator shares
 * no engine code.
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
