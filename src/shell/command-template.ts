/**
 * The columns a command template refers to, in order of first use: every `{column}`, and every
 * `{{column}}` (spaces allowed inside the braces) naming one of `columns`. `${NAME}` is the shell's
 * own parameter expansion, never a placeholder, and a `{{name}}` naming no column is left as written.
 */
export function commandPlaceholdersOf(template: string, columns: readonly string[]): string[] {
  const names = new Set<string>();
  for (const { name, doubled } of placeholderMatches(template)) {
    if (!doubled || columns.includes(name)) names.add(name);
  }
  return [...names];
}

/** A placeholder of a command template and where it stands. */
interface PlaceholderMatch {
  name: string;
  doubled: boolean;
  index: number;
  length: number;
}

function* placeholderMatches(template: string): Generator<PlaceholderMatch> {
  for (const match of template.matchAll(placeholderPattern)) {
    const [whole, doubled, single] = match;
    yield { name: (single ?? doubled)!, doubled: doubled !== undefined, index: match.index, length: whole.length };
  }
}

/**
 * The command line for one row: each placeholder of `placeholders` replaced by its value as one
 * shell-quoted word (see `shellQuote`), so that no value can add shell syntax. `word` gives that
 * word for a placeholder's name; a value the row does not have is the caller's to refuse first.
 */
export function fillCommand(template: string, placeholders: readonly string[], word: (name: string) => string): string {
  let line = '';
  let last = 0;
  for (const { name, index, length } of placeholderMatches(template)) {
    if (!placeholders.includes(name)) continue;
    line += template.slice(last, index) + word(name);
    last = index + length;
  }
  return line + template.slice(last);
}

/**
 * Why a template's placeholders are not safe to fill, or undefined when they are. A quoted value
 * is one literal word only where the shell reads words: not inside quotes (in `"{x}"` the value's
 * `$(…)` would run; in `'{x}'` its quote would end the template's), nor in backticks, `$((…))`
 * (read as if double-quoted) or a here-document.
 */
export function unsafePlaceholder(template: string, placeholders: readonly string[]): string | undefined {
  const contexts = quoteContexts(template);
  for (const { name, index } of placeholderMatches(template)) {
    if (!placeholders.includes(name)) continue;
    const context = contexts[index];
    if (context === 'plain') continue;
    return `{${name}} stands ${contextNames[context!]} in the command; write it bare (as in: cat {${name}}): Swarm quotes every value itself, so that no value can add shell syntax`;
  }
  return undefined;
}

type QuoteContext = 'plain' | 'single' | 'double' | 'backtick' | 'arithmetic' | 'here-document';

const contextNames: Record<Exclude<QuoteContext, 'plain'>, string> = {
  single: "inside '…' quotes",
  double: 'inside "…" quotes',
  backtick: 'inside `…` backticks',
  arithmetic: 'inside $((…))',
  'here-document': 'in a here-document (after <<)',
};

/**
 * The quoting context of each character of a template, as `sh` reads it: conservatively, so that
 * anything after a `<<` (a here-document, whose body expands `$(…)`) counts as quoted.
 */
function quoteContexts(template: string): QuoteContext[] {
  const contexts: QuoteContext[] = [];
  let context: QuoteContext = 'plain';
  for (let index = 0; index < template.length; index++) {
    const character = template[index]!;
    contexts[index] = context;
    if (context === 'here-document') continue;
    if (character === '\\' && context !== 'single') {
      // The escaped character belongs to the same context.
      contexts[++index] = context;
      continue;
    }
    if (context === 'plain') {
      if (character === "'") context = 'single';
      else if (character === '"') context = 'double';
      else if (character === '`') context = 'backtick';
      else if (character === '$' && template.startsWith('((', index + 1)) context = 'arithmetic';
      else if (character === '<' && template[index + 1] === '<' && template[index + 2] !== '<') context = 'here-document';
      else if (character === '<' && template[index + 1] === '<') index += 2;
    } else if ((context === 'single' && character === "'") || (context === 'double' && character === '"') || (context === 'backtick' && character === '`')) {
      context = 'plain';
    } else if (context === 'arithmetic' && character === ')' && template[index + 1] === ')') {
      contexts[++index] = context;
      context = 'plain';
    }
  }
  return contexts;
}

// `{{ name }}` first, so that `{name}` is never half of one; `${name}` is the shell's.
const placeholderPattern = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|(?<![{$])\{([A-Za-z_][\w.-]*)\}(?!\})/g;
