import { describe, expect, it } from 'vitest';
import { jobBlock, workOnJob, writeArgs, writeJobHeader } from './jobBlock';
import { CONTROL } from './kernelSignatures';
import { claimChunk, openClaims } from './jobShares';

function postedJob(job: number, chunks: number) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const block = jobBlock(memory, 0);
  writeJobHeader(block, 'layer_norm', chunks, { threads: 2, chunk: 1, chunks });
  writeArgs(block, 'layer_norm', 1, [8, 16, 24, 768, 1e-6, 32, 40, 1, 0, 0]);
  Atomics.store(block.words, CONTROL.done, 0);
  openClaims(block.claims, block.claimsAt, job);
  return block;
}

describe('the job block', () => {
  it('hands a thread its arguments as written, floats included, with each chunk’s range last', () => {
    const block = postedJob(7, 3);
    const calls: number[][] = [];
    workOnJob(block, { layer_norm: (...a: number[]) => void calls.push(a) }, 7, 1);
    expect(calls.map((a) => a.slice(-2))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(calls[0]!.slice(0, 8)).toEqual([8, 16, 24, 768, Math.fround(1e-6), 32, 40, 1]);
    expect(Atomics.load(block.words, CONTROL.done)).toBe(3);
  });

  it('writing a header closes the claim word: no job gets a chunk until the next is opened', () => {
    const block = postedJob(7, 3);
    writeJobHeader(block, 'layer_norm', 100, { threads: 2, chunk: 1, chunks: 100 });
    for (const job of [1, 7, 8, 0x3fffffff]) expect(claimChunk(block.claims, block.claimsAt, job, 100)).toBe(-1);
    openClaims(block.claims, block.claimsAt, 8);
    expect(claimChunk(block.claims, block.claimsAt, 8, 100)).toBe(0);
  });

  it('a chunk that throws marks the job failed before it is counted done', () => {
    const block = postedJob(7, 3);
    const seenAtDone: number[] = [];
    const words = block.words;
    // the calling thread reads `failed` once `done` reaches the chunk count: record it at each count
    const done = Atomics.add.bind(Atomics);
    Atomics.add = ((array: Int32Array, index: number, value: number) => {
      const before = done(array, index, value);
      if (array === words && index === CONTROL.done) seenAtDone.push(Atomics.load(words, CONTROL.failed));
      return before;
    }) as typeof Atomics.add;
    try {
      expect(() =>
        workOnJob(
          block,
          {
            layer_norm: () => {
              throw new Error('memory access out of bounds');
            },
          },
          7,
          1,
        ),
      ).toThrow('memory access out of bounds');
    } finally {
      Atomics.add = done;
    }
    expect(seenAtDone).toEqual([1]);
    // the chunks it did not claim are left for the other threads
    expect(claimChunk(block.claims, block.claimsAt, 7, 3)).toBe(1);
  });
});
