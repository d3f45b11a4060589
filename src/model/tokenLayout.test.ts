import { describe, expect, it } from 'vitest';
import { parseVitConfig } from './config';
import {
  cellToToken,
  checkTokenCount,
  makeTokenLayout,
  patchToToken,
  tokenLabel,
  tokenLayoutOf,
  tokenToPatch,
} from './tokenLayout';

const config = (extra: Record<string, unknown>) =>
  parseVitConfig(
    JSON.stringify({ hidden_size: 8, num_attention_heads: 2, num_hidden_layers: 1, image_size: 12, patch_size: 4, ...extra }),
  );

describe('token layout', () => {
  it('ViT: [CLS] then a 3 × 3 grid', () => {
    const l = tokenLayoutOf(config({}));
    expect(l.prefix.map((p) => p.name)).toEqual(['[CLS]']);
    expect([l.gridRows, l.gridCols, l.numPatches, l.numTokens, l.clsToken]).toEqual([3, 3, 9, 10, 0]);
    expect(patchToToken(l, 0)).toBe(1);
    expect(cellToToken(l, 2, 1)).toBe(1 + 7);
    expect(tokenToPatch(l, 0)).toBeNull();
    expect(tokenToPatch(l, 9)).toBe(8);
  });

  it('distilled DeiT: [CLS], [DIST], patches from token 2', () => {
    const l = tokenLayoutOf(config({ architectures: ['DeiTForImageClassificationWithTeacher'] }));
    expect(l.prefix.map((p) => p.kind)).toEqual(['cls', 'dist']);
    expect(l.numTokens).toBe(11);
    expect(tokenLabel(l, 1)).toBe('token 1 · [DIST]');
    expect(tokenLabel(l, 2)).toBe('token 2 · patch 0 (row 0, col 0)');
    expect(tokenToPatch(l, 1)).toBeNull();
  });

  it('registers: [CLS] + [REG1…4], any count', () => {
    const l = tokenLayoutOf({ ...config({}), numRegisterTokens: 4 });
    expect(l.prefix.map((p) => p.name)).toEqual(['[CLS]', '[REG1]', '[REG2]', '[REG3]', '[REG4]']);
    expect(patchToToken(l, 0)).toBe(5);
    expect(l.numTokens).toBe(14);
  });

  it('no prefix (seed toy, mean pooling)', () => {
    const l = tokenLayoutOf(config({ vitlens_class_token: false, vitlens_position_embeddings: false }));
    expect(l.prefix).toEqual([]);
    expect(l.clsToken).toBeNull();
    expect(l.hasPositionEmbeddings).toBe(false);
    expect(patchToToken(l, 0)).toBe(0);
  });

  it('rectangular grids and clear errors', () => {
    const l = makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 2, 5);
    expect(cellToToken(l, 1, 4)).toBe(10);
    expect(() => patchToToken(l, 10)).toThrow(/outside the 2 × 5 grid/);
    expect(() => tokenToPatch(l, 11)).toThrow(/outside 0…10/);
    expect(() => checkTokenCount(l, 12, 'attention')).toThrow('attention has 12 tokens; the layout ([CLS], 2 × 5 patches) has 11');
    expect(() => makeTokenLayout([], 0, 3)).toThrow(RangeError);
  });

  it('survives structured cloning unchanged (it will cross a worker boundary)', () => {
    const l = tokenLayoutOf({ ...config({}), numRegisterTokens: 2 });
    expect(structuredClone(l)).toEqual(l);
  });
});
