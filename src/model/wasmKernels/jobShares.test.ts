import { describe, expect, it } from 'vitest';
import { chunkRange, claimChunk, claimRest, jobShares, openClaims } from './jobShares';

const claimWord = () => new BigInt64Array(new SharedArrayBuffer(16));

describe('jobShares', () => {
  it('keeps a small job on the calling thread, whole', () => {
    expect(jobShares(96, 500_000, 8)).toEqual({ threads: 1, chunk: 96, chunks: 1 });
    expect(jobShares(5, 0, 2)).toEqual({ threads: 1, chunk: 5, chunks: 1 });
    expect(jobShares(0, 1e9, 2)).toEqual({ threads: 1, chunk: 1, chunks: 0 });
  });

  it('cuts a ViT-B dense layer into chunks that shrink to one panel', () => {
    // fc1: 384 panels, 197·3072·768 multiply-adds
    const s = jobShares(384, 197 * 3072 * 768, 2);
    expect(s.threads).toBe(2);
    const sizes = Array.from({ length: s.chunks }, (_, c) => chunkRange(c, s, 384)).map(([a, b]) => b - a);
    expect(sizes[0]).toBe(32); // a twelfth of the job
    expect(sizes.at(-1)).toBe(1);
    expect(sizes.every((n, i) => i === 0 || n <= sizes[i - 1]!)).toBe(true);
    expect(s.chunks).toBeLessThan(50);
  });

  it('gives attention one head a chunk', () => {
    const s = jobShares(12, 2 * 197 * 197 * 768, 2);
    expect(s).toEqual({ threads: 2, chunk: 1, chunks: 12 });
    expect(chunkRange(11, s, 12)).toEqual([11, 12]);
  });

  it('keeps each chunk at least the smallest work worth claiming', () => {
    // LayerNorm-sized rows: 197 rows of 20,000 multiply-adds → chunks of at least 20 rows
    const s = jobShares(197, 197 * 20_000, 2);
    expect(s.chunk).toBe(20);
    const sizes = Array.from({ length: s.chunks }, (_, c) => chunkRange(c, s, 197)).map(([a, b]) => b - a);
    expect(sizes.slice(0, -1).every((n) => n >= 20)).toBe(true);
  });

  it('never uses more threads than work items or than the work pays for', () => {
    expect(jobShares(3, 1e9, 8).threads).toBe(3);
    expect(jobShares(1000, 2_500_000, 8).threads).toBe(2);
  });

  it.each([
    [1, 1e9, 2],
    [7, 3e7, 2],
    [96, 116e6, 2],
    [288, 349e6, 8],
    [197, 4e6, 3],
    [12, 6e7, 8],
  ])('its chunks cover [0, %i) exactly once (work %d, %i threads)', (total, work, threads) => {
    const s = jobShares(total, work, threads);
    const covered = new Array<number>(total).fill(0);
    for (let c = 0; c < s.chunks; c++) {
      const [start, end] = chunkRange(c, s, total);
      expect(end).toBeGreaterThan(start);
      for (let i = start; i < end; i++) covered[i]!++;
    }
    expect(covered.every((n) => n === 1)).toBe(true);
  });
});

describe('claimChunk', () => {
  it('hands out each chunk of the current job once, then −1', () => {
    const claims = claimWord();
    openClaims(claims, 0, 7);
    expect([0, 1, 2, 3].map(() => claimChunk(claims, 0, 7, 3))).toEqual([0, 1, 2, -1]);
  });

  it('refuses a thread that read an earlier job, and leaves the current job’s chunks alone', () => {
    const claims = claimWord();
    openClaims(claims, 0, 41);
    expect(claimChunk(claims, 0, 41, 5)).toBe(0);
    openClaims(claims, 0, 42);
    expect(claimChunk(claims, 0, 41, 5)).toBe(-1); // held up on job 41
    expect(claimChunk(claims, 0, 42, 5)).toBe(0);
  });

  it('works with job numbers up to 2³⁰ (the runtime wraps there)', () => {
    const claims = claimWord();
    openClaims(claims, 1, 0x3fffffff);
    expect(claimChunk(claims, 1, 0x3fffffff, 2)).toBe(0);
    expect(claimChunk(claims, 1, 0x3ffffffe, 2)).toBe(-1);
    expect(claimRest(claims, 1, 0x3fffffff, 2)).toBe(1);
    expect(claimChunk(claims, 1, 0x3fffffff, 2)).toBe(-1);
  });
});
