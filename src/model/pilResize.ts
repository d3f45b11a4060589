/**
 * Image resampling exactly as Pillow does it (`Image.resize` with BILINEAR or BICUBIC, which
 * Hugging Face's image processors call): separable convolution whose support widens when
 * shrinking (antialiasing), with Pillow's fixed-point arithmetic, horizontal pass first, each
 * pass rounded to 8 bits. Tested against Pillow's own output.
 */
export type Resample = 'nearest' | 'bilinear' | 'bicubic';

/** Pillow's resample codes in preprocessor_config.json: 0 nearest, 2 bilinear, 3 bicubic. */
export function resampleFromCode(code: unknown): Resample {
  if (code === 0) return 'nearest';
  if (code === 3) return 'bicubic';
  return 'bilinear';
}

const PRECISION_BITS = 32 - 8 - 2;

const FILTERS: Record<Exclude<Resample, 'nearest'>, { support: number; f: (x: number) => number }> = {
  bilinear: { support: 1, f: (x) => (Math.abs(x) < 1 ? 1 - Math.abs(x) : 0) },
  bicubic: {
    support: 2,
    f: (x) => {
      const a = -0.5;
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
};

interface Coefficients {
  bounds: Int32Array; // [xmin, count] per output pixel
  weights: Int32Array; // fixed point, `size` per output pixel
  size: number;
}

function coefficients(inSize: number, outSize: number, filter: (typeof FILTERS)['bilinear']): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * size);
  const k = new Float64Array(size);
  for (let x = 0; x < outSize; x++) {
    const center = (x + 0.5) * scale;
    const ss = 1 / filterScale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let total = 0;
    for (let i = 0; i < xmax; i++) {
      k[i] = filter.f((i + xmin - center + 0.5) * ss);
      total += k[i]!;
    }
    for (let i = 0; i < size; i++) {
      const w = i < xmax && total !== 0 ? k[i]! / total : 0;
      // Pillow rounds half away from zero when converting to fixed point
      weights[x * size + i] = w < 0 ? Math.trunc(-0.5 + w * (1 << PRECISION_BITS)) : Math.trunc(0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[x * 2] = xmin;
    bounds[x * 2 + 1] = xmax;
  }
  return { bounds, weights, size };
}

const clip8 = (acc: number) => {
  const v = acc / (1 << PRECISION_BITS);
  const t = Math.floor(v);
  return t < 0 ? 0 : t > 255 ? 255 : t;
};

/** RGBA pixels (w × h) → RGBA pixels (outW × outH). Alpha is carried along as a fourth channel. */
export function pilResize(
  src: Uint8ClampedArray,
  w: number,
  h: number,
  outW: number,
  outH: number,
  resample: Resample,
): Uint8ClampedArray {
  if (resample === 'nearest') {
    const out = new Uint8ClampedArray(outW * outH * 4);
    for (let y = 0; y < outH; y++) {
      const sy = Math.min(h - 1, Math.floor((y + 0.5) * (h / outH)));
      for (let x = 0; x < outW; x++) {
        const sx = Math.min(w - 1, Math.floor((x + 0.5) * (w / outW)));
        out.set(src.subarray((sy * w + sx) * 4, (sy * w + sx) * 4 + 4), (y * outW + x) * 4);
      }
    }
    return out;
  }
  const filter = FILTERS[resample];
  let pixels = src;
  let width = w;
  if (outW !== w) {
    const c = coefficients(w, outW, filter);
    const out = new Uint8ClampedArray(outW * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < outW; x++) {
        const xmin = c.bounds[x * 2]!;
        const count = c.bounds[x * 2 + 1]!;
        for (let ch = 0; ch < 4; ch++) {
          let acc = 1 << (PRECISION_BITS - 1);
          for (let i = 0; i < count; i++) acc += pixels[(y * width + xmin + i) * 4 + ch]! * c.weights[x * c.size + i]!;
          out[(y * outW + x) * 4 + ch] = clip8(acc);
        }
      }
    }
    pixels = out;
    width = outW;
  }
  if (outH !== h) {
    const c = coefficients(h, outH, filter);
    const out = new Uint8ClampedArray(width * outH * 4);
    for (let y = 0; y < outH; y++) {
      const ymin = c.bounds[y * 2]!;
      const count = c.bounds[y * 2 + 1]!;
      for (let x = 0; x < width; x++) {
        for (let ch = 0; ch < 4; ch++) {
          let acc = 1 << (PRECISION_BITS - 1);
          for (let i = 0; i < count; i++) acc += pixels[((ymin + i) * width + x) * 4 + ch]! * c.weights[y * c.size + i]!;
          out[(y * width + x) * 4 + ch] = clip8(acc);
        }
      }
    }
    pixels = out;
  }
  return pixels === src ? src.slice() : pixels;
}
