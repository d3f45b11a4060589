import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseVitConfig } from '../model/config';
import { guardModelMemory, memoryBudget, ModelMemoryError, pendingBigModelQuestion } from './bigModelGuard';

const config = (extra: Record<string, unknown>) =>
  parseVitConfig(
    JSON.stringify({ hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072, ...extra }),
  );

afterEach(() => vi.unstubAllGlobals());

describe('the memory guard', () => {
  it('lets ViT-B/16 through, refuses an absurd model, asks about a big one and remembers a yes', async () => {
    await expect(guardModelMemory(config({}), 1000)).resolves.toBeUndefined();
    expect(pendingBigModelQuestion()).toBeNull();
    await expect(guardModelMemory(config({ image_size: 100000 }), 1000)).rejects.toThrow(ModelMemoryError);

    const big = config({ image_size: 384 });
    const declined = guardModelMemory(big, 1000);
    expect(pendingBigModelQuestion()!.message).toContain("one image's trace 858.9 MB (577 tokens × 12 layers × 12 heads)");
    pendingBigModelQuestion()!.answer(false);
    await expect(declined).rejects.toThrow(/chose not to load/);

    const accepted = guardModelMemory(big, 1000);
    pendingBigModelQuestion()!.answer(true);
    await expect(accepted).resolves.toBeUndefined();
    // a rebuild (another backend) of the same model is not asked again
    await expect(guardModelMemory(big, 1000)).resolves.toBeUndefined();
    expect(pendingBigModelQuestion()).toBeNull();
  });

  it('a device that reports little memory lowers the budget', () => {
    vi.stubGlobal('navigator', { deviceMemory: 2 });
    expect(memoryBudget()).toBe(2 ** 30);
    vi.stubGlobal('navigator', { deviceMemory: 32 });
    expect(memoryBudget()).toBe(4 * 2 ** 30);
    vi.stubGlobal('navigator', {});
    expect(memoryBudget()).toBe(4 * 2 ** 30);
  });
});
