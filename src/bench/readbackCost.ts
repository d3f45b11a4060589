/**
 * What reading a trace's bytes back from the current backend costs: `megabytes` of float32 made on
 * the device (so none of it is already on the CPU), read as `chunks` joined arrays (one per layer,
 * as the WebGPU plan reads) and as `tensorsPerChunk` times more small reads. Milliseconds, best of 2.
 */
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend, type BackendName } from '../platform/backend';

export interface ReadbackRequest {
  backend: BackendName;
  megabytes: number;
  chunks: number;
  tensorsPerChunk: number;
}

async function timeReads(parts: number, floats: number): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < 2; r++) {
    const tensors = Array.from({ length: parts }, (_, i) => tf.tidy(() => tf.add(tf.fill([Math.ceil(floats / parts)], i), 1)));
    const start = performance.now();
    await Promise.all(tensors.map((t) => t.data()));
    best = Math.min(best, performance.now() - start);
    tf.dispose(tensors);
  }
  return best;
}

export async function readbackCost(request: ReadbackRequest): Promise<{ joinedMs: number; separateMs: number; detail: string }> {
  const info = await chooseBackend(request.backend);
  const floats = Math.round((request.megabytes * 1e6) / 4);
  const joinedMs = await timeReads(request.chunks, floats);
  const separateMs = await timeReads(request.chunks * request.tensorsPerChunk, floats);
  return { joinedMs, separateMs, detail: info.detail };
}
