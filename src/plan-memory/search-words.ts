// Words too common to say what a finding is about; with OR queries they would match everything.
const stopWords = new Set(
  'a an and are as at be but by do does for from has have how in into is it its of on or that the their them then there these this those to was were what when which who why will with you your'.split(' '),
);
// Enough words to find what a task is about, without a query as long as its prompt.
const maxWords = 32;

/** The words of a text a search is made of: lower case, once each, without stop words or single characters, the first 32. */
export function searchWords(text: string): string[] {
  const words = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    if (word.length < 2 || stopWords.has(word)) continue;
    words.add(word);
    if (words.size === maxWords) break;
  }
  return [...words];
}
