import { InvalidInputError } from '../../errors/index.ts';
import { describeValue } from './describe-value.ts';
import { isPlainObject } from './is-plain-object.ts';
import type { TableSource } from './table-source.ts';

const sourceKeys = ['tasks', 'glob', 'filePaths', 'file'] as const;
const keyList = '`tasks`, `glob`, `filePaths` or `file`';

/**
 * Checks that a source (which may come from untyped YAML or JSON) has exactly one known key of the
 * right type, and returns it typed. Task ids and file contents are checked later, while reading.
 */
export function validateTableSource(source: unknown): TableSource {
  if (!isPlainObject(source)) {
    throw new InvalidInputError(
      `a table source must be an object with one of ${keyList}; got ${describeValue(source)}`,
    );
  }
  const unknownKeys = Object.keys(source).filter((key) => !(sourceKeys as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    const names = unknownKeys.map((key) => `\`${key}\``).join(', ');
    throw new InvalidInputError(`a table source has unknown key(s) ${names}; use one of ${keyList}`);
  }
  const givenKeys = sourceKeys.filter((key) => source[key] !== undefined);
  if (givenKeys.length !== 1) {
    const given = givenKeys.map((key) => `\`${key}\``).join(' and ');
    throw new InvalidInputError(
      givenKeys.length === 0
        ? `a table source needs one of ${keyList}`
        : `a table source has ${given}; give exactly one of ${keyList}`,
    );
  }
  const value = source[givenKeys[0]!];
  switch (givenKeys[0]) {
    case 'tasks': {
      if (!Array.isArray(value)) {
        throw new InvalidInputError(`\`tasks\` must be an array of objects; got ${describeValue(value)}`);
      }
      const badIndex = value.findIndex((task) => !isPlainObject(task));
      if (badIndex !== -1) {
        throw new InvalidInputError(
          `\`tasks\` must be an array of objects; tasks[${badIndex}] is ${describeValue(value[badIndex])}`,
        );
      }
      return { tasks: value };
    }
    case 'glob': {
      const patterns: unknown[] = Array.isArray(value) ? value : [value];
      if (patterns.length === 0) throw new InvalidInputError('`glob` must name at least one pattern');
      const badIndex = patterns.findIndex((pattern) => typeof pattern !== 'string' || pattern === '');
      if (badIndex !== -1) {
        const where = Array.isArray(value) ? `glob[${badIndex}]` : 'it';
        throw new InvalidInputError(
          `\`glob\` must be a pattern or an array of patterns (non-empty strings); ` +
            `${where} is ${describeValue(patterns[badIndex])}`,
        );
      }
      return { glob: value as string | string[] };
    }
    case 'filePaths': {
      if (!Array.isArray(value)) {
        throw new InvalidInputError(`\`filePaths\` must be an array of paths; got ${describeValue(value)}`);
      }
      const badIndex = value.findIndex((path) => typeof path !== 'string' || path === '');
      if (badIndex !== -1) {
        throw new InvalidInputError(
          `\`filePaths\` must be an array of paths (non-empty strings); ` +
            `filePaths[${badIndex}] is ${describeValue(value[badIndex])}`,
        );
      }
      return { filePaths: value };
    }
    default: {
      if (typeof value !== 'string' || value === '') {
        throw new InvalidInputError(`\`file\` must be a path (a non-empty string); got ${describeValue(value)}`);
      }
      return { file: value };
    }
  }
}
