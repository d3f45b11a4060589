import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pilResize, type Resample } from './pilResize';

interface Case {
  w: number;
  h: number;
  outW: number;
  outH: number;
  resample: Resample;
  src: string;
  out: string;
}
const fixture = JSON.parse(readFileSync(new URL('./testing/fixtures/pil_resize.json', import.meta.url), 'utf8')) as {
  pillow: string;
  cases: Case[];
};

const rgbToRgba = (rgb: Uint8Array) => {
  const out = new Uint8ClampedArray((rgb.length / 3) * 4);
  for (let i = 0; i < rgb.length / 3; i++) out.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return out;
};

describe(`pilResize matches Pillow ${fixture.pillow}`, () => {
  for (const c of fixture.cases) {
    it(`${c.resample} ${c.w}×${c.h} → ${c.outW}×${c.outH}`, () => {
      const src = rgbToRgba(Buffer.from(c.src, 'base64'));
      const want = Buffer.from(c.out, 'base64');
      const got = pilResize(src, c.w, c.h, c.outW, c.outH, c.resample);
      let maxDiff = 0;
      for (let i = 0; i < c.outW * c.outH; i++)
        for (let ch = 0; ch < 3; ch++) maxDiff = Math.max(maxDiff, Math.abs(got[i * 4 + ch]! - want[i * 3 + ch]!));
      expect(maxDiff).toBe(0);
    });
  }
});
