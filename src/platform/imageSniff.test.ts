import { describe, expect, it } from 'vitest';
import { sniffImage } from './imageSniff';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const u32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const png = (w: number, h: number, complete = true) =>
  bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    u32(13),
    'IHDR',
    u32(w),
    u32(h),
    [8, 6, 0, 0, 0],
    u32(0),
    ...(complete ? [u32(0), 'IEND', u32(0xae426082)] : [u32(5), 'IDAT', [1, 2, 3]]),
  );

describe('sniffImage', () => {
  it('reads PNG, GIF and JPEG sizes from their headers', () => {
    expect(sniffImage(png(640, 480), 'a.png')).toEqual({ format: 'png', width: 640, height: 480 });
    expect(sniffImage(bytes('GIF89a', [0x20, 0x01, 0x10, 0x00], [0, 0, 0]), 'a.gif')).toEqual({
      format: 'gif',
      width: 288,
      height: 16,
    });
    const jpeg = bytes(
      [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0],
      [0xff, 0xc0, 0x00, 0x11, 8, 0x01, 0xe0, 0x02, 0x80, 3],
      new Array(20).fill(0),
      [0xff, 0xd9],
    );
    expect(sniffImage(jpeg, 'a.jpg')).toEqual({ format: 'jpeg', width: 640, height: 480 });
  });

  it('catches truncation', () => {
    expect(() => sniffImage(png(10, 10, false), 'cut.png')).toThrow(
      /cut\.png: the PNG is truncated: it ends before its last chunk/,
    );
    const jpeg = bytes(
      [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0],
      [0xff, 0xc0, 0x00, 0x11, 8, 0, 10, 0, 10, 3],
      new Array(20).fill(7),
    );
    expect(() => sniffImage(jpeg, 'cut.jpg')).toThrow(/cut\.jpg: the JPEG is truncated: it ends before its end-of-image marker/);
  });

  it('names what a non-image is', () => {
    expect(() => sniffImage(new Uint8Array(0), 'e.png')).toThrow('e.png: the file is empty (0 bytes)');
    expect(() => sniffImage(bytes('II*', [0], 'rest'), 'p.tif')).toThrow(/TIFF/);
    expect(() => sniffImage(bytes('%PDF-1.7 ...'), 'd.png')).toThrow(/PDF document/);
    expect(() => sniffImage(bytes([0x50, 0x4b, 3, 4], 'zip'), 'z.jpg')).toThrow(/zip archive/);
    expect(() => sniffImage(bytes('hello, world\n'), 'notes.png')).toThrow(/text file, not an image/);
    expect(() => sniffImage(bytes([0, 1, 2, 3, 250, 251, 0, 0, 9, 9, 9]), 'x.bin')).toThrow(
      /not an image format the browser can decode/,
    );
  });

  it('recognises SVG, and refuses images beyond 100 megapixels before decoding', () => {
    expect(sniffImage(bytes('  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.svg').format).toBe('svg');
    expect(() => sniffImage(png(16000, 16000), 'huge.png')).toThrow(/16000 × 16000 pixels \(256 megapixels\)/);
    expect(() => sniffImage(png(0, 10), 'zero.png')).toThrow(/0 × 10 pixels/);
  });
});
