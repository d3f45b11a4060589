/**
 * The sizes a ViT's config implies (grid, patches, tokens, head width): on their own so that the
 * page's memory check reads them without the config parser, which lives in the engine's worker.
 */
import type { VitConfig } from './config';

/** Derived sizes a reader of the paper expects by name. */
export interface VitSizes {
  /** patches per side */
  grid: number;
  /** number of patches N */
  numPatches: number;
  /** number of tokens T (N, plus one for [CLS], one for a distillation token, one per register) */
  numTokens: number;
  /** tokens before the first patch: [CLS], the distillation token, the registers */
  numPrefixTokens: number;
  /** width of one head, d = D / h */
  headDim: number;
}

export function vitSizes(config: VitConfig): VitSizes {
  const grid = Math.floor(config.imageSize / config.patchSize);
  const numPatches = grid * grid;
  const numPrefixTokens =
    (config.hasClassToken ? 1 : 0) + (config.hasDistillationToken ? 1 : 0) + (config.numRegisterTokens ?? 0);
  return {
    grid,
    numPatches,
    numTokens: numPatches + numPrefixTokens,
    numPrefixTokens,
    headDim: config.hiddenSize / config.numHeads,
  };
}
