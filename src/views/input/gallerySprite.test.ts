/** The gallery's sprite (training/make_gallery_sprite.py) is current: made from today's samples, one cell each. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const samples = new URL('../../../public/samples/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', samples), 'utf8')) as {
  images: { file: string }[];
  sprite: { file: string; cell: number; sources_sha256: string };
};

/** A lossy WebP's size from its VP8 frame header (RIFF, WEBP, 'VP8 ' chunk, key frame start code). */
function webpSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
  expect(bytes.toString('latin1', 8, 16)).toBe('WEBPVP8 ');
  expect([...bytes.subarray(23, 26)]).toEqual([0x9d, 0x01, 0x2a]);
  return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
}

describe('gallery sprite', () => {
  it('is made from the samples index.json lists, in its order (rerun make_gallery_sprite.py when one changes)', () => {
    const hash = createHash('sha256');
    for (const { file } of index.images)
      hash.update(Buffer.concat([Buffer.from(`${file}\n`), readFileSync(new URL(file, samples))]));
    expect(hash.digest('hex')).toBe(index.sprite.sources_sha256);
  });

  it('holds one cell per sample, left to right', () => {
    const size = webpSize(readFileSync(new URL(index.sprite.file, samples)));
    expect(size).toEqual({ width: index.sprite.cell * index.images.length, height: index.sprite.cell });
  });
});
