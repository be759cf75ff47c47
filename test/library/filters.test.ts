import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, type RowFilter, type Swarm } from '../../src/index.ts';
import { answerRows, scriptedModel } from './support/scripted-model.ts';
import { tempSwarm } from './support/temp-swarm.ts';

const tasks = [
  { id: 'a', status: 'open', priority: 1, flagged: true, tags: ['x'] },
  { id: 'b', status: 'closed', priority: 2, flagged: false },
  { id: 'c', status: 'open', priority: '1', owner: null },
  { id: 'd', status: 'pending', priority: 3, owner: 'kim', tags: ['x'] },
  { id: 'e', priority: 2.5, owner: 'lee' },
];

let swarm: Swarm;
let tableId: string;
beforeEach(async () => {
  swarm = tempSwarm().swarm;
  tableId = (await swarm.create({ tasks })).id;
});

const idsMatching = async (filter: RowFilter) => (await swarm.rows(tableId, { filter })).map((row) => row.id);

describe('rows(tableId, { filter })', () => {
  it('equals compares value and JSON type', async () => {
    expect(await idsMatching({ column: 'status', equals: 'open' })).toEqual(['a', 'c']);
    expect(await idsMatching({ column: 'priority', equals: 1 })).toEqual(['a']);
    expect(await idsMatching({ column: 'priority', equals: '1' })).toEqual(['c']);
    expect(await idsMatching({ column: 'priority', equals: 2.5 })).toEqual(['e']);
    expect(await idsMatching({ column: 'flagged', equals: false })).toEqual(['b']);
    expect(await idsMatching({ column: 'owner', equals: null })).toEqual(['c']);
    expect(await idsMatching({ column: 'tags', equals: ['x'] })).toEqual(['a', 'd']);
    expect(await idsMatching({ column: 'id', equals: 'd' })).toEqual(['d']);
  });

  it('notEquals matches rows without the column too', async () => {
    expect(await idsMatching({ column: 'status', notEquals: 'open' })).toEqual(['b', 'd', 'e']);
    expect(await idsMatching({ column: 'owner', notEquals: null })).toEqual(['a', 'b', 'd', 'e']);
  });

  it('in matches any of the values', async () => {
    expect(await idsMatching({ column: 'status', in: ['closed', 'pending'] })).toEqual(['b', 'd']);
    expect(await idsMatching({ column: 'priority', in: [1, 3, '1'] })).toEqual(['a', 'c', 'd']);
    expect(await idsMatching({ column: 'status', in: [] })).toEqual([]);
  });

  it('exists treats null like a missing value', async () => {
    expect(await idsMatching({ column: 'owner', exists: true })).toEqual(['d', 'e']);
    expect(await idsMatching({ column: 'owner', exists: false })).toEqual(['a', 'b', 'c']);
  });

  it('and / or combine, and nest', async () => {
    expect(await idsMatching({ and: [{ column: 'status', equals: 'open' }, { column: 'flagged', equals: true }] })).toEqual(['a']);
    expect(await idsMatching({ or: [{ column: 'status', equals: 'closed' }, { column: 'owner', equals: 'lee' }] })).toEqual(['b', 'e']);
    expect(
      await idsMatching({
        or: [
          { and: [{ column: 'status', equals: 'open' }, { column: 'owner', exists: false }] },
          { and: [{ column: 'tags', exists: true }, { column: 'priority', in: [3] }] },
        ],
      }),
    ).toEqual(['a', 'c', 'd']);
    expect(await idsMatching({ and: [] })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await idsMatching({ or: [] })).toEqual([]);
  });

  it('combines with columns and limit', async () => {
    expect(await swarm.rows(tableId, { filter: { column: 'priority', exists: true }, columns: ['owner'], limit: 4 })).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'c', owner: null },
      { id: 'd', owner: 'kim' },
    ]);
    expect(await swarm.rows(tableId, { limit: 0 })).toEqual([]);
    // A page further on: offset counts matching rows.
    expect((await swarm.rows(tableId, { filter: { column: 'priority', exists: true }, columns: ['owner'], limit: 2, offset: 2 })).map((row) => row.id)).toEqual(['c', 'd']);
    expect(await swarm.rows(tableId, { offset: 99 })).toEqual([]);
  });

  it('rejects unknown columns, naming them and the columns the table has', async () => {
    await expect(swarm.rows(tableId, { filter: { column: 'state', equals: 'open' } })).rejects.toThrow(
      'filter: unknown column "state"; the table has: id, status, priority, flagged, tags, owner',
    );
    await expect(swarm.rows(tableId, { columns: ['owner', 'size'] })).rejects.toThrow('columns: unknown column "size"; the table has:');
  });

  it('rejects malformed filters with an InvalidInputError saying what is wrong', async () => {
    const problems: Array<[unknown, string]> = [
      [{ column: 'status' }, 'filter on column "status" needs exactly one of equals, notEquals, in, exists'],
      [{ column: 'status', equals: 'a', in: ['b'] }, 'filter on column "status" needs exactly one of equals, notEquals, in, exists'],
      [{ column: 'status', like: 'o%' }, 'filter on column "status" needs exactly one of equals, notEquals, in, exists; unknown key "like"'],
      [{ column: 'status', in: 'open' }, 'filter.in must be an array'],
      [{ and: [{ column: 'owner', exists: 'yes' }] }, 'filter.and[0].exists must be true or false'],
      [{ owner: 'kim' }, 'filter needs a "column" (or "status", "and", "or"); got keys ["owner"]'],
      [{ status: 'open' }, `filter.status selects rows by a pass's result and must be one of done, failed, pending; got "open" (for a column named "status", write {"column":"status","equals":"open"})`],
    ];
    for (const [filter, message] of problems) {
      const error = await swarm.rows(tableId, { filter: filter as RowFilter }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });
});

describe('run(tableId, { filter })', () => {
  it('dispatches only the matching rows', async () => {
    const scripted = scriptedModel(answerRows(() => ({ done: true })));
    const result = await swarm.run(tableId, {
      instruction: 'Close {id}',
      responseSchema: { type: 'object', properties: { done: { type: 'boolean' } } },
      filter: { or: [{ column: 'status', equals: 'open' }, { column: 'owner', exists: true }] },
      model: scripted.model,
    });
    expect(result).toMatchObject({ completed: 4, failed: 0, skipped: 0 });
    expect(scripted.calls.flatMap((call) => call.rowIds).sort()).toEqual(['a', 'c', 'd', 'e']);
    expect(await idsMatching({ column: 'done', equals: true })).toEqual(['a', 'c', 'd', 'e']);
  });

  it('may name the column the pass itself writes (rows not yet answered)', async () => {
    const scripted = scriptedModel(answerRows(() => ({ done: true })));
    const options = {
      instruction: 'Close {id}',
      responseSchema: { type: 'object', properties: { done: { type: 'boolean' } } },
      filter: { column: 'done', exists: false },
      model: scripted.model,
    };
    expect(await swarm.run(tableId, options)).toMatchObject({ completed: 5 });
    expect(scripted.calls).toHaveLength(5);
    // Every row has `done` now, so the second run matches none.
    expect(await swarm.run(tableId, options)).toMatchObject({ completed: 0, failed: 0, skipped: 0 });
    expect(scripted.calls).toHaveLength(5);
  });

  it('rejects an unknown column before any call', async () => {
    const scripted = scriptedModel(answerRows(() => ({ done: true })));
    await expect(
      swarm.run(tableId, {
        instruction: 'Close {id}',
        responseSchema: { type: 'object', properties: { done: { type: 'boolean' } } },
        filter: { column: 'colour', equals: 'red' },
        model: scripted.model,
      }),
    ).rejects.toThrow('filter: unknown column "colour"; the table has: id, status, priority, flagged, tags, owner, done');
    expect(scripted.calls).toHaveLength(0);
  });
});

describe('a status filter naming a pass', () => {
  it('must name one of the table\'s passes: a mistyped id is refused before any call, not read as "nothing answered"', async () => {
    const scripted = scriptedModel(answerRows(() => ({ done: true })));
    const options = { instruction: 'Close {id}', responseSchema: { type: 'object', properties: { done: { type: 'boolean' } } }, model: scripted.model };
    const { passId } = await swarm.run(tableId, options);
    expect(scripted.calls.length).toBeGreaterThan(0);
    const callsBefore = scripted.calls.length;
    await expect(swarm.rows(tableId, { filter: { status: 'done', pass: 'pass-bogus' } })).rejects.toThrow(
      `filter.pass "pass-bogus" is not a pass of this table; its passes are ${passId}`,
    );
    // Pending for a pass that does not exist would have matched every row: refused, no call made.
    await expect(swarm.run(tableId, { ...options, instruction: 'Again {id}', filter: { status: 'pending', pass: 'pass-bogus' } })).rejects.toThrow(InvalidInputError);
    expect(scripted.calls).toHaveLength(callsBefore);
    expect((await swarm.rows(tableId, { filter: { status: 'done', pass: passId } })).length).toBe(5);
  });
});
