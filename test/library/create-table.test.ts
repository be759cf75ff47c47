import { describe, expect, it } from 'vitest';
import { DuplicateIdError, InvalidInputError, NotFoundError } from '../../src/index.ts';
import { rejection } from './support/rejection.ts';
import { tempSwarm } from './support/temp-swarm.ts';

describe('create({ tasks })', () => {
  it('stores one row per task, with every key as a column and ids as strings', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({
      tasks: [
        { id: 'a', text: 'first', n: 1 },
        { id: 2, text: 'second', tags: ['x', 'y'] },
      ],
    });
    expect(table.count).toBe(2);
    expect(table.columns).toEqual(['id', 'text', 'n', 'tags']);
    expect(table.id).toMatch(/^tasks-[0-9a-f]{4}$/);
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'a', text: 'first', n: 1 },
      { id: '2', text: 'second', tags: ['x', 'y'] },
    ]);
    expect(await swarm.tables()).toEqual([{ id: table.id, count: 2, columns: table.columns, createdAt: expect.any(Number), passes: 0 }]);
  });

  it('accepts an empty list: a table of no rows', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: [] });
    expect(table).toMatchObject({ count: 0, columns: ['id'] });
    expect(await swarm.rows(table.id)).toEqual([]);
  });

  it('uses the id given in the options', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: [{ id: 'a' }] }, { id: 'inbox' });
    expect(table).toEqual({ id: 'inbox', count: 1, columns: ['id'] });
    const error = await rejection(swarm.create({ tasks: [{ id: 'b' }] }, { id: 'inbox' }));
    expect(error.message).toBe('a table with id "inbox" already exists');
  });
});

describe('create({ file })', () => {
  it('reads JSON Lines one record per non-blank line', async () => {
    const { swarm, write } = tempSwarm();
    const file = write('data/reviews.jsonl', '{"id":"r-1","text":"great","stars":5}\n\n{"id":"r-2","text":"bad","stars":1,"lang":"en"}\n');
    const table = await swarm.create({ file });
    expect(table.id).toMatch(/^reviews-[0-9a-f]{4}$/);
    expect(table).toMatchObject({ count: 2, columns: ['id', 'text', 'stars', 'lang'] });
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'r-1', text: 'great', stars: 5 },
      { id: 'r-2', text: 'bad', stars: 1, lang: 'en' },
    ]);
  });

  it('numbers records r1, r2, … when they have no id', async () => {
    const { swarm, write } = tempSwarm();
    const table = await swarm.create({ file: write('notes.jsonl', '{"text":"a"}\n{"text":"b"}\n{"text":"c"}\n') });
    expect((await swarm.rows(table.id)).map((row) => row.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('reads CSV with the header as columns and every value a string', async () => {
    const { swarm, write } = tempSwarm();
    const file = write('people.csv', 'id,name,age\np1,"Doe, Jane",41\np2,"Roe ""Rick""",7\n');
    const table = await swarm.create({ file });
    expect(table).toMatchObject({ count: 2, columns: ['id', 'name', 'age'] });
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'p1', name: 'Doe, Jane', age: '41' },
      { id: 'p2', name: 'Roe "Rick"', age: '7' },
    ]);
  });

  it('reads a JSON array of objects', async () => {
    const { swarm, write } = tempSwarm();
    const file = write('items.json', JSON.stringify([{ id: 'x', price: 1.5 }, { id: 'y', price: 2, meta: { a: 1 } }], null, 2));
    const table = await swarm.create({ file });
    expect(table).toMatchObject({ count: 2, columns: ['id', 'price', 'meta'] });
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'x', price: 1.5 },
      { id: 'y', price: 2, meta: { a: 1 } },
    ]);
  });

  it('rejects a malformed JSON Lines file naming the file and line, storing nothing', async () => {
    const { swarm, write, query } = tempSwarm();
    await swarm.create({ tasks: [{ id: 'keep' }] }, { id: 'existing' });
    const before = await swarm.tables();
    const file = write('broken.jsonl', '{"id":"a"}\n{"id":"b"}\n{"id": "c",\n{"id":"d"}\n');
    const error = await rejection(swarm.create({ file }));
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: 'broken.jsonl', line: 3 });
    expect(error.message).toMatch(/^broken\.jsonl:3: invalid JSON: /);
    expect(await swarm.tables()).toEqual(before);
    expect(query('SELECT table_id, count(*) AS n FROM rows GROUP BY table_id')).toEqual([{ table_id: 'existing', n: 1 }]);
    expect(query('SELECT id FROM tables')).toEqual([{ id: 'existing' }]);
  });

  it('rejects a JSON array item that is not an object, naming the file and line', async () => {
    const { swarm, write } = tempSwarm();
    const error = await rejection(swarm.create({ file: write('items.json', '[\n  {"id": "a"},\n  3,\n  {"id": "b"}\n]\n') }));
    expect(error.message).toBe('items.json:3: a .json data file must hold an array of objects; item [1] is a number');
    expect(await swarm.tables()).toEqual([]);
  });

  it('rejects a CSV row with the wrong number of fields, naming the line', async () => {
    const { swarm, write } = tempSwarm();
    const error = await rejection(swarm.create({ file: write('short.csv', 'id,a,b\n1,x,y\n2,x\n') }));
    expect(error.message).toBe('short.csv:3: row has 2 fields but the header has 3');
    expect(await swarm.tables()).toEqual([]);
  });
});

describe('create({ glob }) and create({ filePaths })', () => {
  it('makes one { id, file } row per matched file, with ids told apart by parent folder', async () => {
    const { swarm, write } = tempSwarm();
    write('docs/api/readme.md', '# api');
    write('docs/cli/readme.md', '# cli');
    write('docs/guide.md', '# guide');
    write('docs/cli/image.png.txt', 'not matched');
    const table = await swarm.create({ glob: 'docs/**/*.md' });
    expect(table).toMatchObject({ id: expect.stringMatching(/^files-/), count: 3, columns: ['id', 'file'] });
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'api/readme.md', file: 'docs/api/readme.md' },
      { id: 'cli/readme.md', file: 'docs/cli/readme.md' },
      { id: 'guide.md', file: 'docs/guide.md' },
    ]);
  });

  it('takes several patterns, each file once', async () => {
    const { swarm, write } = tempSwarm();
    write('src/a.ts', 'a');
    write('src/b.js', 'b');
    const table = await swarm.create({ glob: ['src/*.ts', 'src/*.js', 'src/a.*'] });
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'a.ts', file: 'src/a.ts' },
      { id: 'b.js', file: 'src/b.js' },
    ]);
  });

  it('rejects a pattern that matches no file, storing nothing', async () => {
    const { swarm } = tempSwarm();
    const error = await rejection(swarm.create({ glob: 'nothing/*.md' }));
    expect(error.message).toContain('glob matched no files');
    expect(error.message).toContain('nothing/*.md');
    expect(await swarm.tables()).toEqual([]);
  });

  it('keeps filePaths in the order given, one row per distinct file', async () => {
    const { swarm, write } = tempSwarm();
    write('x/notes.txt', 'x');
    write('y/notes.txt', 'y');
    write('z.txt', 'z');
    const table = await swarm.create({ filePaths: ['z.txt', 'y/notes.txt', 'x/notes.txt', './z.txt'] });
    expect(table).toMatchObject({ count: 3, columns: ['id', 'file'] });
    expect(await swarm.rows(table.id)).toEqual([
      { id: 'z.txt', file: 'z.txt' },
      { id: 'y/notes.txt', file: 'y/notes.txt' },
      { id: 'x/notes.txt', file: 'x/notes.txt' },
    ]);
  });

  it('names every missing file', async () => {
    const { swarm, write } = tempSwarm();
    write('here.txt', 'h');
    const error = await rejection(swarm.create({ filePaths: ['here.txt', 'gone.txt', 'lost.txt'] }));
    expect(error.message).toContain('gone.txt');
    expect(error.message).toContain('lost.txt');
    expect(error.message).not.toContain('here.txt');
  });
});

describe('duplicate ids', () => {
  it('are rejected naming each offending id once, and nothing is stored', async () => {
    const { swarm, query } = tempSwarm();
    await swarm.create({ tasks: [{ id: 'keep' }] }, { id: 'existing' });
    const before = await swarm.tables();
    const error = await rejection(
      swarm.create({ tasks: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }, { id: 'c' }, { id: 'c' }] }),
    );
    expect(DuplicateIdError.isInstance(error)).toBe(true);
    expect((error as DuplicateIdError).ids).toEqual(['a', 'c']);
    expect(error.message).toBe('duplicate row ids: "a", "c". Row ids must be unique.');
    expect(await swarm.tables()).toEqual(before);
    expect(query('SELECT count(*) AS n FROM rows')).toEqual([{ n: 1 }]);
  });

  it('are rejected in data files too, even when numbers and strings collide', async () => {
    const { swarm, write } = tempSwarm();
    const error = await rejection(swarm.create({ file: write('dupes.jsonl', '{"id":7}\n{"id":"7"}\n{"id":8}\n') }));
    expect((error as DuplicateIdError).ids).toEqual(['7']);
    expect(await swarm.tables()).toEqual([]);
  });
});

describe('unknown tables', () => {
  it('are a NotFoundError naming the id and the tables there are', async () => {
    const { swarm } = tempSwarm();
    const empty = await rejection(swarm.rows('nope'));
    expect(NotFoundError.isInstance(empty)).toBe(true);
    expect(empty.message).toBe('unknown table "nope". The store has no tables yet; create one first');
    await swarm.create({ tasks: [{ id: 'a' }] }, { id: 'inbox' });
    const error = await rejection(swarm.run('nope', { instruction: 'x', responseSchema: { type: 'object', properties: { a: {} } }, model: 'mock' }));
    expect(error.message).toBe('unknown table "nope". Recent tables: inbox (see `swarm tables`)');
  });
});
