import type { VitConfig } from '../model/config';
import type { TokenLayout } from '../model/tokenLayout';

/**
 * Multiply-adds of one forward pass, for the model card: the figure papers and timm quote as
 * "FLOPs" (ViT-B/16 at 224 px: 17.6 G). Counts the matrix products, which dominate; norms, softmax
 * and activations are left out.
 */
export function forwardMacs(config: VitConfig, layout: TokenLayout, numClasses: number): number {
  const { numPatches: N, numTokens: T } = layout;
  const d = config.hiddenSize / config.numHeads;
  const D = config.hiddenSize;
  const M = config.intermediateSize;
  const h = config.numHeads;
  const patch = N * config.numChannels * config.patchSize ** 2 * D;
  const perLayer = T * D * 3 * D + 2 * h * T * T * d + T * D * D + 2 * T * D * M;
  return patch + config.numLayers * perLayer + D * numClasses;
}

export function formatMacs(macs: number): string {
  if (macs >= 1e9) return `${(macs / 1e9).toFixed(2)} G multiply-adds`;
  if (macs >= 1e6) return `${(macs / 1e6).toFixed(1)} M multiply-adds`;
  return `${(macs / 1e3).toFixed(0)} k multiply-adds`;
}
