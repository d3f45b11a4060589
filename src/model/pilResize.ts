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

const HALF = 1 << (PRECISION_BITS - 1);

const clip8 = (acc: number) => {
  const v = acc / (1 << PRECISION_BITS);
  const t = Math.floor(v);
  return t < 0 ? 0 : t > 255 ? 255 : t;
};

/** Byte steps of one pass through RGBA pixels: along the lines it resamples, and between them. */
interface PassSteps {
  lines: number;
  tapStep: number;
  lineStep: number;
  outStep: number;
  outLineStep: number;
}

/**
 * One separable pass: each line resampled by `c`, four channels at once (each weight and pixel
 * address read once; the sums are exact integers, as Pillow's).
 */
function convolve(src: Uint8ClampedArray, out: Uint8ClampedArray, c: Coefficients, s: PassSteps): void {
  const outSize = c.bounds.length / 2;
  for (let line = 0; line < s.lines; line++) {
    for (let x = 0; x < outSize; x++) {
      const count = c.bounds[x * 2 + 1]!;
      let r = HALF;
      let g = HALF;
      let b = HALF;
      let a = HALF;
      for (let i = 0, p = line * s.lineStep + c.bounds[x * 2]! * s.tapStep, k = x * c.size; i < count; i++, p += s.tapStep, k++) {
        const weight = c.weights[k]!;
        r += src[p]! * weight;
        g += src[p + 1]! * weight;
        b += src[p + 2]! * weight;
        a += src[p + 3]! * weight;
      }
      const o = line * s.outLineStep + x * s.outStep;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
      out[o + 3] = clip8(a);
    }
  }
}

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
    // rows: taps 4 bytes apart, one line a row
    const out = new Uint8ClampedArray(outW * h * 4);
    convolve(pixels, out, coefficients(w, outW, filter), { lines: h, tapStep: 4, lineStep: w * 4, outStep: 4, outLineStep: outW * 4 });
    pixels = out;
    width = outW;
  }
  if (outH !== h) {
    // columns: taps a row apart, one line a column
    const out = new Uint8ClampedArray(width * outH * 4);
    const row = width * 4;
    convolve(pixels, out, coefficients(h, outH, filter), { lines: width, tapStep: row, lineStep: 4, outStep: row, outLineStep: 4 });
    pixels = out;
  }
  return pixels === src ? src.slice() : pixels;
}
