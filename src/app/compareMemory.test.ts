import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseVitConfig } from '../model/config';
import { estimateMemory } from '../model/memoryEstimate';
import { pendingBigModelQuestion, ModelMemoryError } from './bigModelGuard';
import { compareMemoryVerdict, guardCompareMemory } from './compareMemory';

const config = (hidden: number, layers: number, heads: number, image = 224) =>
  parseVitConfig(
    JSON.stringify({
      hidden_size: hidden,
      num_hidden_layers: layers,
      num_attention_heads: heads,
      intermediate_size: 4 * hidden,
      image_size: image,
      patch_size: 16,
    }),
  );

afterEach(() => vi.unstubAllGlobals());

describe('the second run counts against the same budget', () => {
  const vitB = { config: config(768, 12, 12), numClasses: 1000 };
  const ti = { config: config(192, 12, 3), numClasses: 1000 };

  it('another image adds one trace of A; another model adds its weights and trace', () => {
    const a = estimateMemory(vitB.config, 1000);
    const image = compareMemoryVerdict({ a: vitB }, 4 * 2 ** 30);
    expect(image.heldBytes).toBe(a.totalBytes);
    expect(image.extraBytes).toBe(a.traceBytes);
    expect(image.totalBytes).toBe(a.totalBytes + a.traceBytes);
    const b = estimateMemory(ti.config, 1000);
    const model = compareMemoryVerdict({ a: vitB, bModel: ti }, 4 * 2 ** 30);
    expect(model.extraBytes).toBe(b.weightsBytes + b.traceBytes);
  });

  it('fits, asks above the threshold, refuses above the budget', () => {
    const small = compareMemoryVerdict({ a: ti }, 4 * 2 ** 30);
    expect(small.kind).toBe('fits');
    expect(compareMemoryVerdict({ a: ti }, 4 * 2 ** 30, small.totalBytes - 1).kind).toBe('ask');
    expect(compareMemoryVerdict({ a: ti }, small.totalBytes - 1).kind).toBe('refuse');
    expect(compareMemoryVerdict({ a: ti }, small.totalBytes).kind).toBe('fits');
  });

  it('the guard refuses on a small device, and asks (yes/no) for a large pair', async () => {
    // 1 GiB device → 512 MiB budget: ViT-B (≈ 0.35 GB weights + trace) twice does not fit
    vi.stubGlobal('navigator', { deviceMemory: 1 });
    await expect(guardCompareMemory({ a: vitB, bModel: vitB })).rejects.toThrow(ModelMemoryError);
    vi.stubGlobal('navigator', {});
    const big = { config: config(768, 12, 12, 384), numClasses: 1000 };
    const declined = guardCompareMemory({ a: big });
    const question = pendingBigModelQuestion()!;
    expect(question.estimate.totalBytes).toBe(compareMemoryVerdict({ a: big }, 4 * 2 ** 30).totalBytes);
    question.answer(false);
    await expect(declined).rejects.toThrow(ModelMemoryError);
    const accepted = guardCompareMemory({ a: big });
    pendingBigModelQuestion()!.answer(true);
    await expect(accepted).resolves.toBeUndefined();
    await expect(guardCompareMemory({ a: ti })).resolves.toBeUndefined();
  });
});
