/**
 * Four dot products that share one operand: init + Σᵢ a[at + i]·b[bk + i] for k = 0…3, each summed in
 * order in float64. The logit lens (W's column against four normalised tokens) and PCA's covariance
 * (a column of X against four others) run on it. A small function called many times, not one long
 * loop: V8 optimises it after a few calls, where a single loop over everything ran mostly unoptimised
 * on its first call (ViT-B's patch readout: 315 ms → ~80 ms).
 */

/** Where dot4 leaves its four sums (a returned array would be an allocation per call). */
export const dot4Sums = new Float64Array(4);

export function dot4(a: Float64Array, at: number, b: Float64Array, b0: number, b1: number, b2: number, b3: number, length: number, init: number): void {
  let s0 = init;
  let s1 = init;
  let s2 = init;
  let s3 = init;
  for (let i = 0; i < length; i++) {
    const v = a[at + i]!;
    s0 += b[b0 + i]! * v;
    s1 += b[b1 + i]! * v;
    s2 += b[b2 + i]! * v;
    s3 += b[b3 + i]! * v;
  }
  dot4Sums[0] = s0;
  dot4Sums[1] = s1;
  dot4Sums[2] = s2;
  dot4Sums[3] = s3;
}

/** The four offsets of rows r…r+3 of length `length` in an array of `count` rows; past the last, the last again (computed, not stored). */
export function fourRows(r: number, count: number, length: number): [number, number, number, number] {
  const row = (k: number) => Math.min(r + k, count - 1) * length;
  return [row(0), row(1), row(2), row(3)];
}
