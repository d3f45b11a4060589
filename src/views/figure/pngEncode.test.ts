import { crc32 as nodeCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, pngSize } from './pngEncode';
import { decodePng } from './pngDecode.testing';

function randomPixels(width: number, height: number, seed: number) {
  let s = seed;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = s >>> 24;
  }
  return { width, height, data };
}

describe('encodePng', () => {
  it('decodes back to the same pixels, transparent ones included', () => {
    for (const [w, h] of [
      [1, 1],
      [3, 7],
      [64, 64],
      [197, 13],
    ] as const) {
      const pixels = randomPixels(w, h, w * 31 + h);
      pixels.data[3] = 0; // a fully transparent pixel keeps its colour bytes too
      const png = encodePng(pixels);
      expect(pngSize(png)).toEqual({ width: w, height: h });
      const back = decodePng(png);
      expect(back.width).toBe(w);
      expect(back.height).toBe(h);
      expect(Buffer.from(back.data).equals(Buffer.from(pixels.data))).toBe(true);
    }
  });

  it('computes the CRC that zlib does', () => {
    const bytes = new TextEncoder().encode('IHDR and some bytes ✓');
    expect(crc32(bytes)).toBe(nodeCrc32(bytes) >>> 0);
  });

  it('refuses a size that does not match its pixels', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(12) })).toThrow(/16 bytes/);
    expect(() => encodePng({ width: 0, height: 2, data: new Uint8ClampedArray(0) })).toThrow(/size/);
  });
});
