import { describe, expect, it, vi } from 'vitest';
import { JobRunner, type Defer } from './jobRunner';

/** Runs deferred work when asked, so each test decides when a job begins. */
function manual(): { defer: Defer; flush: () => Promise<void> } {
  const queue: (() => void)[] = [];
  return {
    defer: (run) => queue.push(run),
    flush: async () => {
      while (queue.length) queue.shift()!();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('the analyses’ job runner', () => {
  it('keeps a result for its trace and drops it when the trace id changes (the class map after another image)', async () => {
    const { defer, flush } = manual();
    let changes = 0;
    const runner = new JobRunner({ traceId: 1, modelId: 1 }, () => changes++, defer);
    const jobs = () => runner.jobs();
    jobs()
      .job<string>('classmap:3')
      .start(async () => 'map of image 1');
    jobs()
      .job<string>('qk-umap:0:0')
      .start(async () => 'layout of image 1');
    jobs()
      .job<string>('filters', 'model')
      .start(async () => 'filters');
    await flush();
    expect(jobs().job<string>('classmap:3')).toMatchObject({ state: 'done', result: 'map of image 1' });
    expect(jobs().job<string>('qk-umap:0:0').result).toBe('layout of image 1');
    expect(changes).toBeGreaterThan(0);

    // another image: same class, layer and head, new trace id
    runner.setScopes({ traceId: 2, modelId: 1 });
    expect(jobs().job('classmap:3')).toMatchObject({ state: 'idle', result: null });
    expect(jobs().job('qk-umap:0:0')).toMatchObject({ state: 'idle', result: null });
    // the model's own results stay
    expect(jobs().job<string>('filters', 'model').result).toBe('filters');
    runner.setScopes({ traceId: 2, modelId: 2 });
    expect(jobs().job('filters', 'model').result).toBeNull();
  });

  it('cancels a running job of the old trace, and its late result is never shown', async () => {
    const { defer, flush } = manual();
    const runner = new JobRunner({ traceId: 1, modelId: 1 }, () => {}, defer);
    let finish: (v: string) => void = () => {};
    let signal: AbortSignal | null = null;
    runner
      .jobs()
      .job<string>('faithfulness')
      .start((control) => {
        signal = control.signal;
        return new Promise((resolve) => (finish = resolve));
      });
    await flush();
    expect(runner.jobs().job('faithfulness').state).toBe('running');
    runner.setScopes({ traceId: 2, modelId: 1 });
    expect(signal!.aborted).toBe(true);
    finish('stale');
    await flush();
    expect(runner.jobs().job('faithfulness')).toMatchObject({ state: 'idle', result: null });
  });

  it('reports progress, errors and a cancel', async () => {
    const { defer, flush } = manual();
    const runner = new JobRunner({ traceId: 5, modelId: 1 }, () => {}, defer);
    let report: (f: number) => void = () => {};
    runner
      .jobs()
      .job('ablation')
      .start(({ onProgress }) => {
        report = onProgress;
        return new Promise(() => {});
      });
    await flush();
    report(0.25);
    expect(runner.jobs().job('ablation')).toMatchObject({ state: 'running', progress: 0.25 });
    runner.jobs().job('ablation').cancel();
    expect(runner.jobs().job('ablation').state).toBe('idle');
    runner
      .jobs()
      .job('lens')
      .start(async () => {
        throw new Error('no classifier');
      });
    await flush();
    expect(runner.jobs().job('lens')).toMatchObject({ state: 'error', error: 'no classifier' });
  });

  it('shows progress when the whole percent moves, ten times a second at most (UMAP reports every slice)', async () => {
    const { defer, flush } = manual();
    let changes = 0;
    const runner = new JobRunner({ traceId: 5, modelId: 1 }, () => changes++, defer);
    let report: (f: number) => void = () => {};
    runner
      .jobs()
      .job('qk-umap:0:0')
      .start(({ onProgress }) => {
        report = onProgress;
        return new Promise(() => {});
      });
    await flush();
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const progress = () => runner.jobs().job('qk-umap:0:0').progress;
    const before = changes;
    report(0.1);
    expect(progress()).toBe(0.1);
    now.mockReturnValue(1050);
    report(0.3); // too soon
    expect(progress()).toBe(0.1);
    now.mockReturnValue(1200);
    report(0.104); // the same whole percent
    expect(progress()).toBe(0.1);
    report(0.5);
    expect(progress()).toBe(0.5);
    expect(changes - before).toBe(2);
    now.mockRestore();
  });

  it('says the time left at the pace so far, once the job has run a while, and nothing once done', async () => {
    const { defer, flush } = manual();
    const now = vi.spyOn(performance, 'now').mockReturnValue(0);
    const runner = new JobRunner({ traceId: 5, modelId: 1 }, () => {}, defer);
    let report: (f: number) => void = () => {};
    let finish: (v: string) => void = () => {};
    runner
      .jobs()
      .job<string>('faithfulness')
      .start(({ onProgress }) => {
        report = onProgress;
        return new Promise((resolve) => (finish = resolve));
      });
    await flush();
    const job = () => runner.jobs().job<string>('faithfulness');
    now.mockReturnValue(1_000);
    report(0.1); // a second in: too early to say
    expect(job().remainingMs).toBeNull();
    now.mockReturnValue(10_000);
    report(0.25); // a quarter in 10 s
    expect(job().remainingMs).toBe(30_000);
    finish('curves');
    await flush();
    expect(job()).toMatchObject({ state: 'done', remainingMs: null });
    now.mockRestore();
  });

  it('keys jobs by the numeric ids, never by an object’s string form', () => {
    const runner = new JobRunner({ traceId: 7, modelId: 3 }, () => {});
    expect(runner.keyOf('classmap:2')).toBe('trace 7:classmap:2');
    expect(runner.keyOf('filters', 'model')).toBe('model 3:filters');
  });
  it('a cancelled re-run aborts its signal and gives back the result it was replacing', async () => {
    const { defer, flush } = manual();
    const runner = new JobRunner({ traceId: 2, modelId: 1 }, () => {}, defer);
    runner
      .jobs()
      .job<string>('classmap:3')
      .start(async () => 'first map');
    await flush();
    expect(runner.jobs().job('classmap:3')).toMatchObject({ state: 'done', result: 'first map' });
    let signal: AbortSignal | null = null;
    runner
      .jobs()
      .job<string>('classmap:3')
      .start((control) => {
        signal = control.signal;
        return new Promise(() => {});
      });
    await flush();
    expect(runner.jobs().job('classmap:3')).toMatchObject({ state: 'running', result: null });
    runner.jobs().job('classmap:3').cancel();
    expect(signal!.aborted).toBe(true);
    expect(runner.jobs().job('classmap:3')).toMatchObject({ state: 'done', result: 'first map' });
  });
});
