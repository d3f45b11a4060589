import { describe, expect, it } from 'vitest';
import { centerCropBox, pixelsToInput, preprocess, resizedSize } from './preprocess';
import { defaultPreprocessor, describePreprocessor, parsePreprocessorConfig } from './preprocessorConfig';

// DeiT's published preprocessor_config.json (facebook/deit-base-distilled-patch16-224)
const DEIT = JSON.stringify({
  crop_size: { height: 224, width: 224 },
  do_center_crop: true,
  do_normalize: true,
  do_rescale: true,
  do_resize: true,
  image_mean: [0.485, 0.456, 0.406],
  image_std: [0.229, 0.224, 0.225],
  resample: 3,
  rescale_factor: 0.00392156862745098,
  size: { shortest_edge: 256 },
});

describe('Hugging Face preprocessing semantics', () => {
  it('reads DeiT-style configs: shortest edge, bicubic, centre crop', () => {
    const p = parsePreprocessorConfig(DEIT, 224);
    expect(p.size).toEqual({ kind: 'shortest-edge', shortestEdge: 256 });
    expect(p.resample).toBe('bicubic');
    expect(p.doCenterCrop).toBe(true);
    expect(p.cropSize).toEqual({ height: 224, width: 224 });
    expect(describePreprocessor(p)).toBe(
      'resize the shortest edge to 256 (bicubic), then centre-crop 224 × 224, then rescale by 1/255, then normalise with mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]',
    );
  });

  it('reads the legacy integer size as a square', () => {
    expect(parsePreprocessorConfig('{"size": 384}', 384).size).toEqual({ kind: 'exact', height: 384, width: 384 });
  });

  it('computes resize sizes as get_resize_output_image_size does', () => {
    const p = parsePreprocessorConfig(DEIT, 224);
    // 640 × 480 landscape: short side 480 → 256, long side floor(256 · 640 / 480) = 341
    expect(resizedSize(640, 480, p)).toEqual({ width: 341, height: 256 });
    expect(resizedSize(480, 640, p)).toEqual({ width: 256, height: 341 });
    expect(resizedSize(1000, 333, p)).toEqual({ width: 768, height: 256 });
    expect(resizedSize(640, 480, defaultPreprocessor(224))).toEqual({ width: 224, height: 224 });
  });

  it('places the centre crop with floor division, as center_crop does', () => {
    expect(centerCropBox(341, 256, { width: 224, height: 224 })).toEqual({ left: 58, top: 16, width: 224, height: 224 });
    expect(centerCropBox(225, 225, { width: 224, height: 224 })).toEqual({ left: 0, top: 0, width: 224, height: 224 });
  });

  it('rescales and normalises per channel', () => {
    const pixels = { width: 1, height: 2, data: Uint8ClampedArray.from([255, 0, 51, 255, 0, 128, 255, 255]) };
    const p = parsePreprocessorConfig(DEIT, 1);
    const input = pixelsToInput(pixels, p);
    expect(input[0]).toBeCloseTo((1 - 0.485) / 0.229, 6); // R of pixel 0
    expect(input[1]).toBeCloseTo((0 - 0.485) / 0.229, 6); // R of pixel 1
    expect(input[2]).toBeCloseTo((0 - 0.456) / 0.224, 6); // G of pixel 0
    expect(input[3]).toBeCloseTo((128 / 255 - 0.456) / 0.224, 6);
    expect(input[4]).toBeCloseTo((51 / 255 - 0.406) / 0.225, 6);
    expect(input[5]).toBeCloseTo((1 - 0.406) / 0.225, 6);
  });

  it('runs the whole chain and refuses a result of the wrong size', () => {
    const src = { width: 40, height: 30, data: new Uint8ClampedArray(40 * 30 * 4).fill(255) };
    const steps = preprocess(
      src,
      parsePreprocessorConfig(JSON.stringify({ size: { shortest_edge: 20 }, do_center_crop: true, crop_size: 16 }), 16),
      16,
    );
    expect(steps.resized).toEqual({ width: 26, height: 20 });
    expect(steps.crop).toEqual({ left: 5, top: 2, width: 16, height: 16 });
    expect(steps.final.width).toBe(16);
    expect(steps.ranges[0]).toEqual([1, 1]);
    expect(() => preprocess(src, defaultPreprocessor(16), 24)).toThrow(/gives 16 × 16 pixels but the model takes 24 × 24/);
  });

  it('names the file and key of a bad config', () => {
    expect(() => parsePreprocessorConfig('{"size": {"foo": 1}}', 224)).toThrow(/preprocessor_config\.json: "size" must be/);
    expect(() => parsePreprocessorConfig('{"image_std": [1, 0, 1]}', 224)).toThrow(/must not contain 0/);
  });
});
