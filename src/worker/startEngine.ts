/**
 * Starts the engine: in a dedicated worker where the browser can run one, otherwise (or when the
 * worker cannot start a backend) on the main thread, which the backend line then says.
 */
import type { BackendInfo, BackendName } from '../platform/backendName';
import { drivenByAutomation } from '../platform/automation';
import { EngineClient, type EngineCrashed } from './engineClient';
import { pageInputBuffer } from '../platform/pageInput';

export interface StartedEngine {
  client: EngineClient;
  backend: BackendInfo;
}

function workerClient(onCrash: (error: EngineCrashed) => void): EngineClient {
  const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module', name: 'vitlens-engine' });
  const client = new EngineClient(worker as unknown as ConstructorParameters<typeof EngineClient>[0], 'worker', '', onCrash);
  // background work leaves the page a core only while a person uses it (model/wasmKernels/threadLimit.ts)
  const inputs = pageInputBuffer();
  if (inputs) client.sharePageInput(inputs);
  return client;
}

/** A test's request (a page driven by automation only) that WebGL compute in 16-bit floats, passed to the engine. */
const halfFloatWebgl = () => drivenByAutomation() && window.__vitlensHalfFloatWebgl === true;

export async function startEngine(
  requested: BackendName | null,
  onCrash: (error: EngineCrashed) => void,
): Promise<StartedEngine> {
  let workerFailure = '';
  if (typeof Worker !== 'undefined') {
    const client = workerClient(onCrash);
    try {
      const backend = await client.call('startBackend', { requested, halfFloatWebgl: halfFloatWebgl() });
      // a backend the worker could not start (no OffscreenCanvas WebGL, say) runs on the main thread instead
      if (!requested || backend.name === requested) return { client, backend };
      workerFailure = `${requested} cannot run in a worker here`;
    } catch (e) {
      workerFailure = e instanceof Error ? e.message : String(e);
    }
    client.terminate();
  }
  const note = ` · on the main thread: ${workerFailure || 'this browser has no workers'}`;
  const client = (await import('./pageEngine')).pageEngineClient(note, onCrash);
  return { client, backend: await client.startBackend('startBackend', { requested, halfFloatWebgl: halfFloatWebgl() }) };
}
