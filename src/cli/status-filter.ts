import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { Option } from 'commander';
import type { RowFilter, RowStatus } from '../filter/row-filter.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './cli-io.ts';
import { readJsonOption } from './read-json-option.ts';

/** `--status`: rows by a pass's result. */
export function statusOption(): Option {
  const statuses: RowStatus[] = ['done', 'failed', 'pending'];
  return new Option('--status <status>', "only rows with this status in the pass (--pass, else the table's most recently run pass)").choices(statuses);
}

/** The row filter `--filter`, `--status` and `--pass` describe together, or undefined for all rows. */
export function rowFilterOf(flags: { filter?: string; status?: RowStatus; pass?: string }, io: CliIo): RowFilter | undefined {
  if (flags.pass !== undefined && flags.status === undefined) throw new InvalidInputError('--pass goes with --status (or use "pass" inside a --filter status filter)');
  const filters: RowFilter[] = [];
  if (flags.filter !== undefined) filters.push(readJsonOption(flags.filter, '--filter', io.cwd) as RowFilter);
  if (flags.status !== undefined) filters.push({ status: flags.status, ...(flags.pass === undefined ? {} : { pass: flags.pass }) });
  return filters.length <= 1 ? filters[0] : { and: filters };
}

/** Read-only commands on a store that does not exist yet: the table asked for is unknown. */
export function requireStore(store: Store | undefined, tableId: string): Store {
  if (store === undefined) throw new NotFoundError('table', tableId, 'The store has no tables yet; create one first');
  return store;
}

/** A `--pass` must be one of the table's passes: another table's pass would silently match nothing. */
export function checkPassOf(store: Store, tableId: string, passId: string | undefined): void {
  if (passId === undefined) return;
  const passes = store.passes.idsOf(tableId);
  if (passes.includes(passId)) return;
  throw new NotFoundError('pass', passId, passes.length > 0 ? `The passes of ${tableId} are ${passes.join(', ')}` : `${tableId} has no passes yet`);
}
