import { describe, expect, it } from 'vitest';
import { canRaise, createOutputCap } from './output-cap.ts';

describe('createOutputCap', () => {
  it('starts from the initial allowance per row, then follows four times the longest answer per row', () => {
    const cap = createOutputCap({ initialPerRow: 300 });
    expect([cap.forCall(1), cap.forCall(10)]).toEqual([300, 3000]);
    cap.observe(40, 1);
    expect(cap.forCall(1)).toBe(256);
    cap.observe(1000, 10);
    expect([cap.forCall(1), cap.forCall(10)]).toEqual([400, 4000]);
  });

  it('raises the cap per row after a cut-off: a batch cut off does not inflate a single row', () => {
    const cap = createOutputCap({ initialPerRow: 256 });
    cap.observe(20, 1);
    cap.cutOff(2000, 10);
    expect([cap.forCall(1), cap.forCall(10)]).toEqual([800, 8000]);
    cap.cutOff(256, 1);
    expect(cap.forCall(1)).toBe(1024);
  });

  it('never asks for more than 64,000', () => {
    const cap = createOutputCap({ initialPerRow: 1024 });
    cap.cutOff(32_000, 1);
    expect(cap.forCall(1)).toBe(64_000);
    expect([canRaise(32_000), canRaise(64_000)]).toEqual([true, false]);
  });
});
