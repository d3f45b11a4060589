/** The one softmax of the analyses (the engine's own runs in tfjs): stable, in float64. */

/** softmax(values · scale): positive, summing to 1. scale 0 gives the uniform distribution. */
export function softmax(values: ArrayLike<number>, scale = 1): Float64Array {
  const out = new Float64Array(values.length);
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]! * scale);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += out[i] = Math.exp(values[i]! * scale - max);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** softmax of each row of C values: [R, C] → [R, C]. */
export function softmaxRows(values: Float64Array, C: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length / C; r++) out.set(softmax(values.subarray(r * C, (r + 1) * C)), r * C);
  return out;
}
