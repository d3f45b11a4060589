/**
 * How long the page's main thread is blocked while the engine works, for `npm run bench`: a
 * PerformanceObserver for 'longtask' entries (tasks over 50 ms) while the engine's worker runs a
 * traced forward pass (its arrays arriving on the page), the class map (attention gradients) and
 * a run of the deletion/insertion curves' passes, each beside its engine time. The worst task is
 * what a user feels as a frozen page.
 */
import { startEngine } from '../worker/startEngine';
import type { EngineClient } from '../worker/engineClient';
import type { BenchRequest } from './benchMain';

export interface LongTaskRow {
  computation: string;
  engineMs: number;
  /** the longest main-thread task, ms (0: none over 50 ms) */
  longestTaskMs: number;
  longTasks: number;
}

/** Runs `work` while recording long tasks; their entries arrive after the task ends, hence the wait. */
async function observed(computation: string, work: () => Promise<void>): Promise<LongTaskRow> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => durations.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const start = performance.now();
  await work();
  const engineMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 100));
  durations.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  return { computation, engineMs, longestTaskMs: Math.max(0, ...durations), longTasks: durations.length };
}

export async function longTasks(request: BenchRequest & { curvePasses: number }): Promise<LongTaskRow[]> {
  const { client, backend } = await startEngine(request.backend, () => {});
  const engine: EngineClient = client;
  try {
    if (backend.name !== request.backend) throw new Error(`${request.backend} is not available here (${backend.reason})`);
    if (engine.where !== 'worker') throw new Error(`the engine runs ${backend.detail}`);
    const before = await engine.call('tensors', {});
    const { handle, model } = await engine.call('buildModel', {
      source: { kind: 'random', config: request.config, numClasses: request.numClasses },
    });
    const { numChannels, imageSize } = model.config;
    const input = new Float32Array(numChannels * imageSize * imageSize).map((_, i) => Math.sin(i) * 0.9);
    const trace = async () => {
      const { traceId } = await engine.call('runTrace', { handle, input });
      await engine.call('releaseTrace', { traceId });
    };
    // warm: the first pass compiles and allocates
    await trace();
    const rows = [await observed('forward pass (full trace)', trace)];
    rows.push(
      await observed(
        'class map (attention gradients)',
        async () => void (await engine.call('gradients', { handle, input, classIndex: 1 })),
      ),
    );
    const inputs = Array.from({ length: request.curvePasses }, () => input);
    rows.push(
      await observed(
        `deletion/insertion curves, ${request.curvePasses} passes`,
        async () => void (await engine.call('logits', { handle, inputs })),
      ),
    );
    await engine.call('disposeModel', { handle });
    const leaked = (await engine.call('tensors', {})) - before;
    if (leaked > 0) console.warn(`long-task bench: ${leaked} tensors leaked`);
    return rows;
  } finally {
    engine.terminate();
  }
}
