/**
 * How much the browser's own canvas resampling differs from Pillow's (which ViT Lens reproduces),
 * and whether the difference changes the default model's top-1 on the sample images.
 */
import { loadVit } from '../model/loadVit';
import { runTrace } from '../model/forward';
import { disposeVitModel } from '../model/vitModel';
import { pixelsToInput, preprocess } from '../model/preprocess';
import { decodeImageFile } from '../platform/imageInput';
import { fetchedModelFiles, MODEL_FILES } from '../app/modelSources';
import { chooseBackend } from '../platform/backend';

export interface ResamplingRow {
  file: string;
  size: string;
  maxPixelDifference: number;
  meanPixelDifference: number;
  top1Pillow: string;
  top1Browser: string;
}

function browserResize(pixels: { width: number; height: number; data: Uint8ClampedArray }, size: number): Uint8ClampedArray {
  const src = document.createElement('canvas');
  src.width = pixels.width;
  src.height = pixels.height;
  src.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
  const dst = document.createElement('canvas');
  dst.width = size;
  dst.height = size;
  const ctx = dst.getContext('2d')!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, 0, 0, size, size);
  return ctx.getImageData(0, 0, size, size).data;
}

export async function compareResampling(modelFolder: string, samplesBase: string): Promise<ResamplingRow[]> {
  await chooseBackend(null);
  const { model, preprocessor } = await loadVit(fetchedModelFiles(modelFolder, MODEL_FILES));
  const size = model.config.imageSize;
  const labels = model.config.labels;
  const index = (await (await fetch(`${samplesBase}index.json`)).json()) as { images: { file: string }[] };
  const rows: ResamplingRow[] = [];
  const top1 = async (input: Float32Array) => {
    const probs = (await runTrace(model, input)).probs!.data;
    return labels[probs.indexOf(Math.max(...probs))] ?? '?';
  };
  try {
    for (const { file } of index.images) {
      const blob = await (await fetch(`${samplesBase}${file}`)).blob();
      const decoded = await decodeImageFile(new File([blob], file));
      const pillow = preprocess(decoded.pixels, preprocessor, size);
      const browser = { width: size, height: size, data: browserResize(decoded.pixels, size) };
      let max = 0;
      let sum = 0;
      for (let i = 0; i < size * size; i++) {
        for (let c = 0; c < 3; c++) {
          const diff = Math.abs(pillow.final.data[i * 4 + c]! - browser.data[i * 4 + c]!);
          max = Math.max(max, diff);
          sum += diff;
        }
      }
      rows.push({
        file,
        size: `${decoded.pixels.width} × ${decoded.pixels.height} → ${size} × ${size}`,
        maxPixelDifference: max,
        meanPixelDifference: sum / (size * size * 3),
        top1Pillow: await top1(pillow.input),
        top1Browser: await top1(pixelsToInput(browser, preprocessor)),
      });
    }
  } finally {
    disposeVitModel(model);
  }
  return rows;
}
