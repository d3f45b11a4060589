/**
 * The engine's worker: tfjs, ViT Lens's wasm kernels, the models and the traces live here, so the
 * page's main thread only draws. Started by engineClient.ts; speaks protocol.ts.
 */
import { EngineHost } from './engineHost';
import type { FromEngine, ToEngine } from './protocol';

const scope = self as unknown as {
  postMessage: (message: FromEngine, transfer: Transferable[]) => void;
  onmessage: ((event: MessageEvent<ToEngine>) => void) | null;
};
const host = new EngineHost((message, transfer = []) => scope.postMessage(message, transfer));
scope.onmessage = (event) => host.receive(event.data);
