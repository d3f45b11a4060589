/**
 * A counter per block of memory (ArrayBuffer or SharedArrayBuffer) that goes up whenever numbers in
 * it are replaced. Trace arrays normally sit in memory of their own that never changes; a trace
 * held in tfjs-wasm's memory (runTrace's zeroCopy) shares one buffer with every tensor, so a new
 * trace can land where a released one was. Views key their repaints on (buffer, generation, offset).
 */
const generations = new WeakMap<ArrayBufferLike, number>();

export function memoryGeneration(buffer: ArrayBufferLike): number {
  return generations.get(buffer) ?? 0;
}

export function bumpMemoryGeneration(buffer: ArrayBufferLike): void {
  generations.set(buffer, memoryGeneration(buffer) + 1);
}
