import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecodedImage, PreparedImage } from '../platform/imageInput';
import type { PreprocessSteps } from '../model/preprocess';
import type { EngineClient } from '../worker/engineClient';
import { fetchSampleFile, preparedFor, readImageFile } from './imageLoading';

type Target = Parameters<typeof preparedFor>[0];
const target = { preprocessor: { doResize: false }, model: { config: { imageSize: 4 } } } as unknown as Target;

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const u32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
/** a 2 × 2 PNG's header and end, enough for the page's sniffing (the worker, faked here, decodes) */
const png = bytes(
  [0x89],
  'PNG\r\n\x1a\n',
  u32(13),
  'IHDR',
  u32(2),
  u32(2),
  [8, 6, 0, 0, 0],
  u32(0),
  u32(0),
  'IEND',
  u32(0xae426082),
);

const pixels = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
const decoded: DecodedImage = { name: 'cat.png', format: 'png', pixels, note: null };
const steps = {
  original: { width: 2, height: 2 },
  resized: null,
  crop: null,
  final: pixels,
  input: new Float32Array(12),
  ranges: [],
} as PreprocessSteps;

/** an engine whose worker answers 'prepareImage' with `decoded` and `steps`, recording what it was sent */
function fakeEngine() {
  const sent: unknown[] = [];
  const client = {
    call: vi.fn(async (kind: string, request: unknown) => {
      sent.push({ kind, request });
      return { decoded, steps };
    }),
  } as unknown as EngineClient;
  return { sent, engine: vi.fn(async () => client) };
}

afterEach(() => vi.unstubAllGlobals());

describe('a chosen image file', () => {
  it("with a model: decoded and prepared in the engine's worker, its source the worker's decoded image", async () => {
    vi.stubGlobal(
      'ImageData',
      class {
        constructor(
          readonly data: Uint8ClampedArray,
          readonly width: number,
          readonly height: number,
        ) {}
      },
    );
    const { sent, engine } = fakeEngine();
    const read = await readImageFile(new File([png], 'cat.png', { type: 'image/png' }), target, engine);
    expect(read.source).toBe(decoded);
    expect(read.prepared?.input).toBe(steps.input);
    expect(read.prepared?.name).toBe('cat.png');
    expect(sent).toMatchObject([{ kind: 'prepareImage', request: { name: 'cat.png', modelSize: 4 } }]);
  });

  it("that is no image fails in the page's words, with or without a model", async () => {
    const pdf = () => new File(['%PDF-1.4 …'], 'report.pdf');
    const { sent, engine } = fakeEngine();
    await expect(readImageFile(pdf(), target, engine)).rejects.toThrow('report.pdf: it is a PDF document, not an image');
    await expect(readImageFile(pdf(), null, engine)).rejects.toThrow('report.pdf: it is a PDF document, not an image');
    expect(sent).toEqual([]);
  });
});

describe('an image already prepared in the worker', () => {
  it('is used as it is, and the preparing is still measured', () => {
    const ready = { name: 'cat.png' } as PreparedImage;
    const before = performance.getEntriesByName('vitlens:prepare').length;
    expect(preparedFor(target, decoded, ready)).toBe(ready);
    expect(performance.getEntriesByName('vitlens:prepare')).toHaveLength(before + 1);
  });
});

describe('a sample image', () => {
  it('is fetched as a file with its name and type', async () => {
    vi.stubGlobal('fetch', async () => new Response(png, { headers: { 'content-type': 'image/png' } }));
    const file = await fetchSampleFile('samples/cat.png', 'cat.png');
    expect(file.name).toBe('cat.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
  });

  it('that cannot be fetched fails with the HTTP status', async () => {
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404 }));
    await expect(fetchSampleFile('samples/gone.png', 'gone.png')).rejects.toThrow(
      'gone.png: the sample could not be fetched (HTTP 404)',
    );
  });
});
