/** The input with the patches `masked` says set to 0 (as the deletion/insertion curves do), [C, S, S]. */
export function maskedCopy(
  input: Float32Array,
  C: number,
  S: number,
  P: number,
  masked: (patch: number) => boolean,
): Float32Array {
  const out = input.slice();
  const g = S / P;
  for (let patch = 0; patch < g * g; patch++) {
    if (!masked(patch)) continue;
    const [gy, gx] = [Math.floor(patch / g), patch % g];
    for (let c = 0; c < C; c++)
      for (let y = 0; y < P; y++) out.fill(0, (c * S + gy * P + y) * S + gx * P, (c * S + gy * P + y) * S + gx * P + P);
  }
  return out;
}
