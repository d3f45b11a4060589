/**
 * A YUV4MPEG2 video for Chromium's fake camera (--use-file-for-fake-video-capture), made from the
 * gallery's images: decoded by the browser in a page, converted here to 4:2:0 (BT.601, full range).
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

export interface RgbaFrame {
  width: number;
  height: number;
  /** RGBA, row-major */
  data: Uint8Array;
}

/** Each image at url, decoded by the page's browser and scaled to cover width × height (centre crop). */
export async function decodeInPage(page: Page, urls: string[], width: number, height: number): Promise<RgbaFrame[]> {
  const frames = await page.evaluate(
    async ({ urls, width, height }) => {
      const out: number[][] = [];
      for (const url of urls) {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d')!;
        const scale = Math.max(width / bitmap.width, height / bitmap.height);
        const w = bitmap.width * scale;
        const h = bitmap.height * scale;
        ctx.drawImage(bitmap, (width - w) / 2, (height - h) / 2, w, h);
        out.push(Array.from(ctx.getImageData(0, 0, width, height).data));
      }
      return out;
    },
    { urls, width, height },
  );
  return frames.map((data) => ({ width, height, data: Uint8Array.from(data) }));
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** One frame as I420 planes: Y at full size, U and V averaged over each 2 × 2 block. */
export function rgbaToI420({ width, height, data }: RgbaFrame): Uint8Array {
  if (width % 2 || height % 2) throw new RangeError(`4:2:0 needs even sides (got ${width} × ${height})`);
  const out = new Uint8Array((width * height * 3) / 2);
  const u = width * height;
  const v = u + (width * height) / 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      out[y * width + x] = clamp(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((y + dy) * width + x + dx) * 4;
        r += data[i]! / 4;
        g += data[i + 1]! / 4;
        b += data[i + 2]! / 4;
      }
      const k = (y / 2) * (width / 2) + x / 2;
      out[u + k] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[v + k] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

/** A .y4m of the frames, each shown `repeat` times, at `fps` frames per second. */
export function encodeY4m(frames: RgbaFrame[], repeat: number, fps = 30): Buffer {
  const [first] = frames;
  if (!first) throw new RangeError('a video needs at least one frame');
  const header = Buffer.from(`YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const marker = Buffer.from('FRAME\n', 'ascii');
  const parts: Buffer[] = [header];
  for (const frame of frames) {
    const planes = Buffer.from(rgbaToI420(frame));
    for (let i = 0; i < repeat; i++) parts.push(marker, planes);
  }
  return Buffer.concat(parts);
}

export async function writeY4m(path: string, frames: RgbaFrame[], repeat: number, fps = 30): Promise<void> {
  await writeFile(path, encodeY4m(frames, repeat, fps));
}
