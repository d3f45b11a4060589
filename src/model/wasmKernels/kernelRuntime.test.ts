import { describe, expect, it } from 'vitest';
import { KernelRuntime, WORKER_FAILURES_TOLERATED } from './kernelRuntime';
import { jobBlock, workOnJob } from './jobBlock';
import { CONTROL } from './kernelSignatures';

/**
 * A two-thread runtime whose second thread is simulated: the kernel is a plain function, and the
 * chunks `failing` names stand in for a worker's chunks that failed there (the worker marks the job
 * failed and leaves its range unwritten). `alone` runs when the calling thread runs the whole job.
 */
function runtimeWith(failing: (call: number) => boolean, alone: () => void = () => {}) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const block = jobBlock(memory, 0);
  const out = new Float32Array(100);
  let calls = 0;
  const fill = (_k: number, _n: number, _w: number, _dst: number, p0: number, p1: number) => {
    calls++;
    if (p0 === 0 && p1 === 100) alone();
    if (failing(calls)) {
      block.words[CONTROL.failed] = 1;
      return;
    }
    for (let i = p0; i < p1; i++) out[i] = i;
  };
  const Runtime = KernelRuntime as unknown as new (variant: object, exports: object, planned: number) => KernelRuntime;
  const runtime = new Runtime({ relaxedSimd: false, shared: true }, { pack_weights: fill }, 2);
  Object.assign(runtime, { block, workers: [{ terminate() {} }] });
  const run = () => runtime.run('pack_weights', 100, 4_000_000, (p0, p1) => [0, 0, 0, 0, p0, p1]);
  return { runtime, run, out, calls: () => calls };
}

const everyIndex = Array.from({ length: 100 }, (_, i) => i);

describe('KernelRuntime.run', () => {
  it('runs a job a worker failed again on the calling thread alone, so every output is written', () => {
    const { runtime, run, out, calls } = runtimeWith((call) => call === 2);
    run();
    expect(Array.from(out)).toEqual(everyIndex);
    expect(runtime.workerFailures).toBe(1);
    expect(calls()).toBeGreaterThan(2);
  });

  it('says so when the job fails on the calling thread too', () => {
    const { run } = runtimeWith(
      (call) => call === 1,
      () => {
        throw new Error('out of bounds');
      },
    );
    expect(run).toThrow(/pack_weights failed in a worker and again on its own: Error: out of bounds/);
  });

  it('runs a job no worker failed once, in chunks', () => {
    const { runtime, run, out, calls } = runtimeWith(() => false);
    run();
    expect(Array.from(out)).toEqual(everyIndex);
    expect(runtime.workerFailures).toBe(0);
    expect(calls()).toBeGreaterThan(1);
    // the job block is ready for the next job: nothing left marked failed
    run();
    expect(runtime.workerFailures).toBe(0);
  });

  it('after failing again and again, the workers get no more jobs: the calling thread runs each whole, once', () => {
    const { runtime, run, out } = runtimeWith(() => true);
    for (let i = 0; i < WORKER_FAILURES_TOLERATED; i++) run();
    expect(runtime.workerFailures).toBe(WORKER_FAILURES_TOLERATED);
    const ranges: [number, number][] = [];
    (runtime as unknown as { exports: object }).exports = {
      pack_weights: (...a: number[]) => {
        ranges.push([a[4]!, a[5]!]);
        for (let i = a[4]!; i < a[5]!; i++) out[i] = i;
      },
    };
    out.fill(-1);
    run();
    expect(ranges).toEqual([[0, 100]]);
    expect(Array.from(out)).toEqual(everyIndex);
    expect(runtime.workerFailures).toBe(WORKER_FAILURES_TOLERATED);
  });

  it('a worker that saw the last job and was held up takes no chunk while the next job is being posted', () => {
    // The worker saw job 1 and was descheduled before reading its header; job 1 finished without it.
    // It reads the header while job 2's is being written (here: when job 2's arguments are asked for,
    // after its chunk count is written) and then claims with job 1's number. Job 2 has more chunks than
    // job 1: a claim word still open for job 1 would hand it a chunk of job 1 that does not exist, to
    // run with job 2's half-written arguments (a trap, or a range written twice) and count as one of job 2's.
    const { runtime, out } = runtimeWith(() => false);
    const args = (p0: number, p1: number) => [0, 0, 0, 0, p0, p1];
    runtime.run('pack_weights', 20, 4_000_000, args);
    const block = (runtime as unknown as { block: ReturnType<typeof jobBlock> }).block;
    const stale: number[][] = [];
    let posted = false;
    runtime.run('pack_weights', 100, 40_000_000, (p0, p1, thread) => {
      if (!posted && thread === 1) {
        posted = true;
        workOnJob(block, { pack_weights: (...a: number[]) => void stale.push(a) }, 1, 1);
      }
      return args(p0, p1);
    });
    expect(posted).toBe(true);
    expect(stale).toEqual([]);
    expect(Array.from(out)).toEqual(everyIndex);
  });
});
