import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openAtomicFile } from './atomic-file.ts';
import { widenParquetType } from './parquet-column-type.ts';
import { writeParquet } from './write-parquet.ts';

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'swarm-parquet-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

describe('writeParquet', () => {
  it('starts again with a wider type when the rows change between the two reads', async () => {
    const folder = tempFolder();
    const before = [{ id: 'a', score: 1, note: null }, { id: 'b', score: 2, note: null }];
    // A pass finished between the type scan and the write: a fraction and a first note appear.
    const after = [{ id: 'a', score: 1, note: null }, { id: 'b', score: 2.5, note: 'late' }, { id: 'c', score: 3, note: 7 }];
    const reads: string[] = [];
    const readRows = () => {
      reads.push(reads.length === 0 ? 'before' : 'after');
      return reads.length === 1 ? before : after;
    };
    const file = await openAtomicFile(path.join(folder, 'out.parquet'));
    expect(await writeParquet(file, readRows, ['id', 'score', 'note'])).toBe(3);
    await file.commit();

    // One scan, then a write per conflict: score becomes DOUBLE; note (only nulls when scanned) INT32, then JSON.
    expect(reads).toEqual(['before', 'after', 'after', 'after', 'after']);
    const buffer = await asyncBufferFromFile(path.join(folder, 'out.parquet'));
    expect((await parquetMetadataAsync(buffer)).schema.slice(1).map(({ converted_type, type }) => converted_type ?? type)).toEqual(['UTF8', 'DOUBLE', 'JSON']);
    expect(await parquetReadObjects({ file: buffer })).toEqual(after);
    expect(readdirSync(folder)).toEqual(['out.parquet']);
  });
});

describe('widenParquetType', () => {
  it('keeps a type, widens numbers, and turns any other mix into JSON', () => {
    const widen = (values: unknown[]) => values.reduce(widenParquetType, undefined);
    expect(widen([])).toBeUndefined();
    expect(widen([null, undefined])).toBeUndefined();
    expect(widen(['a', null, 'b'])).toBe('STRING');
    expect(widen([true, false])).toBe('BOOLEAN');
    expect(widen([1, -(2 ** 31), 2 ** 31 - 1])).toBe('INT32');
    expect(widen([1, 2 ** 31])).toBe('INT64');
    expect(widen([2 ** 40, 0.5])).toBe('DOUBLE');
    expect(widen([1, 2 ** 60])).toBe('DOUBLE');
    expect(widen([0.5, 1])).toBe('DOUBLE');
    expect(widen([{ a: 1 }, [1]])).toBe('JSON');
    expect(widen(['1', 1])).toBe('JSON');
    expect(widen([true, 'yes'])).toBe('JSON');
  });
});
