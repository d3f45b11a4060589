/**
 * The fallback where a worker cannot run the engine: the same host (engineHost.ts) on the main
 * thread, behind the same client, so the page works the same, only less smoothly.
 */
import { EngineClient, type EngineCrashed, type Endpoint } from './engineClient';
import { EngineHost } from './engineHost';
import type { FromEngine, ToEngine } from './protocol';

export function pageEngineClient(note: string, onCrash: (error: EngineCrashed) => void): EngineClient {
  let stopped = false;
  const endpoint: Endpoint = {
    onmessage: null,
    // asynchronous both ways, as a worker's messages are
    postMessage: (message: ToEngine) => queueMicrotask(() => stopped || host.receive(message)),
    terminate: () => void (stopped = true),
  };
  const host = new EngineHost((message: FromEngine) =>
    queueMicrotask(() => stopped || endpoint.onmessage?.({ data: message } as MessageEvent<FromEngine>)),
  );
  return new EngineClient(endpoint, 'main thread', note, onCrash);
}
