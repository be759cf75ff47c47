/**
 * Produces one value for a compiled JSON Schema node. `hash` identifies the row (and the array
 * slot); `label` names the row in generated strings; `ordinal` numbers array items (0 outside
 * arrays); `depth` bounds recursive schemas.
 */
export type ValueGenerator = (hash: number, label: string, ordinal: number, depth: number) => unknown;
