import { describe, expect, it } from 'vitest';
import { defaultPreprocessor } from '../model/preprocessorConfig';
import { blurSigma, gaussianKernel, maskPatches } from './masking';
import { inputToPixel, normalisationOf, pixelToInput, type PixelNormalisation } from './pixelNormalisation';

// an ImageNet-like processor: rescale 1/255, per-channel mean and std
const imagenet: PixelNormalisation = {
  rescale: 1 / 255,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  meanColour: [0.485, 0.456, 0.406],
};
const g = { channels: 3, size: 4, patchSize: 2 };
const input = Float32Array.from({ length: 3 * 16 }, (_, i) => (i % 7) / 3 - 1);
const patch1 = [2, 3, 6, 7]; // top-right 2 × 2 patch of a 4 × 4 plane
const keep = [true, false, true, true];

describe('maskPatches', () => {
  it('black is pixel 0 normalised: −mean / std per channel', () => {
    const out = maskPatches(input, g, keep, { kind: 'black', normalisation: imagenet });
    expect(out[2]).toBeCloseTo(-0.485 / 0.229, 5); // −2.1179
    expect(out[16 + 7]).toBeCloseTo(-0.456 / 0.224, 5); // −2.0357
    expect(out[32 + 3]).toBeCloseTo(-0.406 / 0.225, 5); // −1.8044
    // everything else untouched
    for (let i = 0; i < input.length; i++) if (!patch1.includes(i % 16)) expect(out[i]).toBe(input[i]);
  });

  it('the mean colour is 0 after normalisation, and grey 0.5 when the processor does not normalise', () => {
    expect(Array.from(maskPatches(input, g, keep, { kind: 'mean', normalisation: imagenet })).filter((_, i) => patch1.includes(i % 16))).toEqual(
      new Array(12).fill(0),
    );
    const plain = normalisationOf({ ...defaultPreprocessor(4), doNormalize: false }); // x = pixel / 255
    const out = maskPatches(input, g, keep, { kind: 'mean', normalisation: plain });
    expect(out[6]).toBeCloseTo(0.5, 6);
    const black = maskPatches(input, g, keep, { kind: 'black', normalisation: plain });
    expect(black[6]).toBe(0);
  });

  it('a constant fill is an input value, as the faithfulness curves use it', () => {
    const out = maskPatches(input, g, keep, -1);
    expect(patch1.map((i) => out[i])).toEqual([-1, -1, -1, -1]);
    expect(maskPatches(input, g, [true, true, true, true], 5)).toEqual(input);
  });

  it('blurred: the masked patch takes the Gaussian-blurred image in pixel space, normalised again', () => {
    const size = 8;
    const geometry = { channels: 3, size, patchSize: 4 };
    const pixels = Array.from({ length: 3 * size * size }, (_, i) => (i * 37) % 256);
    const x = Float32Array.from(pixels, (p, i) => pixelToInput(imagenet, Math.floor(i / (size * size)), p));
    const out = maskPatches(x, geometry, [true, true, false, true], { kind: 'blur', normalisation: imagenet });
    // the reference: a direct 2-D convolution with the outer product of the kernel, edges repeated
    const k = gaussianKernel(blurSigma(4));
    const r = (k.length - 1) / 2;
    const at = (v: number) => Math.min(size - 1, Math.max(0, v));
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < size; y++)
        for (let xx = 0; xx < size; xx++) {
          const i = c * size * size + y * size + xx;
          if (y < 4 || xx >= 4) {
            expect(out[i]).toBe(x[i]); // outside patch 2 (bottom left)
            continue;
          }
          let s = 0;
          for (let dy = -r; dy <= r; dy++)
            for (let dx = -r; dx <= r; dx++) s += k[dy + r]! * k[dx + r]! * pixels[c * size * size + at(y + dy) * size + at(xx + dx)]!;
          expect(inputToPixel(imagenet, c, out[i]!)).toBeCloseTo(s, 3);
        }
  });

  it('blurring a flat image leaves it flat; the kernel sums to 1 over ±3σ', () => {
    const flat = new Float32Array(3 * 16).fill(0.25);
    const out = maskPatches(flat, g, [false, false, false, false], { kind: 'blur', normalisation: imagenet });
    for (const v of out) expect(v).toBeCloseTo(0.25, 5);
    const k = gaussianKernel(1);
    expect(k.length).toBe(7);
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(k[3]! / k[4]!).toBeCloseTo(Math.exp(0.5), 12);
  });
});

describe('pixel normalisation', () => {
  it('maps pixels to inputs and back as the preprocessor does', () => {
    const n = normalisationOf(defaultPreprocessor(4)); // mean = std = 0.5: x = pixel / 127.5 − 1
    expect(pixelToInput(n, 0, 255)).toBeCloseTo(1, 12);
    expect(pixelToInput(n, 1, 0)).toBeCloseTo(-1, 12);
    expect(inputToPixel(n, 2, 0)).toBeCloseTo(127.5, 12);
    expect(inputToPixel(imagenet, 0, pixelToInput(imagenet, 0, 200))).toBeCloseTo(200, 9);
  });
});
