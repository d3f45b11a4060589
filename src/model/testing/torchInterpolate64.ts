/**
 * torch.nn.functional.interpolate(x, mode="bicubic", align_corners=False) on a [C, H, W] array, in
 * float64, for the tests only: written from torch's kernels (UpSample.h's
 * get_cubic_upsample_coefficients with A = −0.75 and clamped taps; the antialiased
 * _upsample_bicubic2d_aa with PIL's a = −0.5 kernel stretched by the scale), one output pixel at a
 * time as a 2-D sum. Shares no code with the engine's positionInterpolation.ts.
 */
export interface InterpolateOptions {
  /** output (height, width) */
  size?: [number, number];
  /** (height, width) factors; the output is floor(in · factor) and coordinates map by 1 / factor */
  scaleFactor?: [number, number];
  antialias?: boolean;
}

const cubicConvolution1 = (x: number, A: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
const cubicConvolution2 = (x: number, A: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;

/** The 4 coefficients of torch's plain bicubic at fraction t. */
function plainCoefficients(t: number): [number, number, number, number] {
  const A = -0.75;
  return [cubicConvolution2(t + 1, A), cubicConvolution1(t, A), cubicConvolution1(1 - t, A), cubicConvolution2(2 - t, A)];
}

function keysHalf(x: number): number {
  const a = -0.5;
  const t = x < 0 ? -x : x;
  if (t < 1) return (a + 2) * t ** 3 - (a + 3) * t ** 2 + 1;
  if (t < 2) return a * t ** 3 - 5 * a * t ** 2 + 8 * a * t - 4 * a;
  return 0;
}

/** Antialiased taps along one axis for output index o: the input range and normalised weights. */
function antialiasTaps(o: number, scale: number, inSize: number): { start: number; weights: number[] } {
  const centre = scale * (o + 0.5);
  const support = scale >= 1 ? scale * 2 : 2;
  const stretch = scale >= 1 ? scale : 1;
  const start = Math.max(Math.trunc(centre - support + 0.5), 0);
  const stop = Math.min(Math.trunc(centre + support + 0.5), inSize);
  const raw: number[] = [];
  for (let j = start; j < stop; j++) raw.push(keysHalf((j + 0.5 - centre) / stretch));
  const sum = raw.reduce((a, b) => a + b, 0);
  return { start, weights: raw.map((w) => (sum === 0 ? w : w / sum)) };
}

export function torchBicubic64(
  x: ArrayLike<number>,
  C: number,
  H: number,
  W: number,
  options: InterpolateOptions,
): { data: Float64Array; height: number; width: number } {
  const outH = options.size ? options.size[0] : Math.floor(H * options.scaleFactor![0]);
  const outW = options.size ? options.size[1] : Math.floor(W * options.scaleFactor![1]);
  const scaleH = options.scaleFactor ? 1 / options.scaleFactor[0] : H / outH;
  const scaleW = options.scaleFactor ? 1 / options.scaleFactor[1] : W / outW;
  const at = (c: number, y: number, xx: number) => x[(c * H + y) * W + xx]!;
  const clampY = (y: number) => Math.min(Math.max(y, 0), H - 1);
  const clampX = (v: number) => Math.min(Math.max(v, 0), W - 1);
  const out = new Float64Array(C * outH * outW);
  for (let c = 0; c < C; c++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let value = 0;
        if (options.antialias) {
          const ty = antialiasTaps(oy, scaleH, H);
          const tx = antialiasTaps(ox, scaleW, W);
          ty.weights.forEach((wy, m) => tx.weights.forEach((wx, n) => (value += wy * wx * at(c, ty.start + m, tx.start + n))));
        } else {
          const sy = scaleH * (oy + 0.5) - 0.5;
          const sx = scaleW * (ox + 0.5) - 0.5;
          const iy = Math.floor(sy);
          const ix = Math.floor(sx);
          const cy = plainCoefficients(sy - iy);
          const cx = plainCoefficients(sx - ix);
          for (let m = 0; m < 4; m++)
            for (let n = 0; n < 4; n++) value += cy[m]! * cx[n]! * at(c, clampY(iy - 1 + m), clampX(ix - 1 + n));
        }
        out[(c * outH + oy) * outW + ox] = value;
      }
    }
  }
  return { data: out, height: outH, width: outW };
}
