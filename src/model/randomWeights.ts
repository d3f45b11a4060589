/** Random weights with the real shapes of a ViT, made fast (an xorshift fill), for the benchmark. */
import type { VitConfig } from './config';
import { vitSizes } from './config';
import type { LinearWeights, VitWeights } from './vitWeights';

export function randomVitWeights(config: VitConfig, numClasses: number, seed = 1): VitWeights {
  let state = seed >>> 0 || 1;
  const fill = (n: number, scale: number, centre = 0) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      a[i] = centre + ((state >>> 0) / 4294967296 - 0.5) * 2 * scale;
    }
    return a;
  };
  const D = config.hiddenSize;
  const M = config.intermediateSize;
  const { numTokens } = vitSizes(config);
  const linear = (out: number, inn: number): LinearWeights => ({
    weight: fill(out * inn, 1 / Math.sqrt(inn)),
    bias: fill(out, 0.02),
    inFeatures: inn,
    outFeatures: out,
  });
  const norm = () => ({ gamma: fill(D, 0.1, 1), beta: fill(D, 0.02) });
  const patchIn = config.numChannels * config.patchSize * config.patchSize;
  return {
    patchEmbedding: { weight: fill(D * patchIn, 1 / Math.sqrt(patchIn)), bias: fill(D, 0.02) },
    classToken: config.hasClassToken ? fill(D, 0.5) : null,
    positionEmbeddings: config.hasPositionEmbeddings ? fill(numTokens * D, 0.5) : null,
    layers: Array.from({ length: config.numLayers }, () => ({
      norm1: norm(),
      query: linear(D, D),
      key: linear(D, D),
      value: linear(D, D),
      attnOutput: linear(D, D),
      norm2: norm(),
      fc1: linear(M, D),
      fc2: linear(D, M),
    })),
    finalNorm: norm(),
    classifier: numClasses > 0 ? linear(numClasses, D) : null,
  };
}
