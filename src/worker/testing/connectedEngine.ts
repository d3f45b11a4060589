/**
 * For the tests: the engine's client and host joined as a worker joins them, their messages cloned
 * (or moved) through a MessageChannel, on tfjs's cpu backend. Importing this also makes the
 * engine's yields between layers use timers (see below).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { vi } from 'vitest';
import { EngineClient, type Endpoint } from '../engineClient';
import { EngineHost } from '../engineHost';
import type { FromEngine, ToEngine } from '../protocol';

// Node drains a MessagePort that keeps posting to itself before it serves another port, so the
// engine's yields between layers (a MessageChannel, see betweenLayers.ts) would starve the cancel
// message; a browser serves both. Here the yields fall back to timers, which let the port in.
const Channel = globalThis.MessageChannel;
vi.stubGlobal('MessageChannel', undefined);

export function connectedEngine(): { client: EngineClient; close: () => void } {
  const channel = new Channel();
  const host = new EngineHost(
    (message: FromEngine, transfer: Transferable[] = []) => channel.port1.postMessage(message, transfer),
    async (requested) => {
      await tf.setBackend('cpu');
      return { name: requested ?? 'cpu', detail: 'cpu · plain JavaScript', reason: 'test' };
    },
  );
  channel.port1.onmessage = (event: MessageEvent<ToEngine>) => host.receive(event.data);
  const endpoint: Endpoint = {
    onmessage: null,
    postMessage: (message, transfer = []) => channel.port2.postMessage(message, transfer),
    terminate: () => channel.port1.close(),
  };
  channel.port2.onmessage = (event: MessageEvent<FromEngine>) => endpoint.onmessage?.(event);
  const client = new EngineClient(endpoint, 'worker');
  return { client, close: () => (channel.port1.close(), channel.port2.close()) };
}
