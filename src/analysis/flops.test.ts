import { describe, expect, it } from 'vitest';
import { parseVitConfig } from '../model/config';
import { tokenLayoutOf } from '../model/tokenLayout';
import { formatMacs, forwardMacs } from './flops';

describe('forwardMacs', () => {
  it('gives ViT-B/16 the 17.6 G that papers quote as its FLOPs', () => {
    const config = parseVitConfig(
      JSON.stringify({
        hidden_size: 768,
        num_hidden_layers: 12,
        num_attention_heads: 12,
        intermediate_size: 3072,
        image_size: 224,
        patch_size: 16,
      }),
    );
    expect(forwardMacs(config, tokenLayoutOf(config), 1000) / 1e9).toBeCloseTo(17.56, 1);
    expect(formatMacs(forwardMacs(config, tokenLayoutOf(config), 1000))).toBe('17.56 G multiply-adds');
  });

  it('counts a hand-sized model exactly', () => {
    // 2 × 2 patches of 2 px, D 4, 1 layer, 2 heads, M 8, [CLS]: N 4, T 5, d 2
    const config = parseVitConfig(
      JSON.stringify({
        hidden_size: 4,
        num_hidden_layers: 1,
        num_attention_heads: 2,
        intermediate_size: 8,
        image_size: 4,
        patch_size: 2,
      }),
    );
    const patch = 4 * 12 * 4;
    const layer = 5 * 4 * 12 + 2 * 2 * 5 * 5 * 2 + 5 * 4 * 4 + 2 * 5 * 4 * 8;
    expect(forwardMacs(config, tokenLayoutOf(config), 3)).toBe(patch + layer + 4 * 3);
  });
});
