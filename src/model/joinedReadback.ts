/**
 * Reads a trace's tensors back in few large transfers: each chunk (one layer's arrays, or the
 * whole-model arrays) is joined into one tensor on the device and read once. On WebGPU every read is a
 * mapped staging buffer and a round trip to the GPU, so a few hundred small reads cost far more
 * than a dozen large ones.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The data of every tensor of `chunks`, in order (views into one array per chunk). */
export async function readJoined(chunks: readonly (readonly tf.Tensor[])[]): Promise<Float32Array[]> {
  const joined = chunks.map((chunk) =>
    chunk.length === 1 ? null : tf.tidy(() => tf.concat(chunk.map((t) => tf.reshape(t, [-1])))),
  );
  try {
    const data = await Promise.all(chunks.map((chunk, i) => (joined[i] ?? chunk[0]!).data() as Promise<Float32Array>));
    return chunks.flatMap((chunk, i) => {
      let offset = 0;
      return chunk.map((t) => data[i]!.subarray(offset, (offset += t.size)));
    });
  } finally {
    tf.dispose(joined.filter((t): t is tf.Tensor => t !== null));
  }
}
