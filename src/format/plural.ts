/** "1 row", "2 rows", "1 pass", "3 passes": the count with its noun in the right number. */
export function plural(count: number, singular: string, pluralForm = /(s|sh|ch|x)$/.test(singular) ? `${singular}es` : `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
