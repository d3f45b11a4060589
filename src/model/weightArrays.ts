/** Weights read back from the backend as plain arrays, for the analyses that look at the weights themselves. */
import type { Matrix } from './trace';
import type { VitModel } from './vitModel';

/** The patch embedding's filters, one row per output channel: [D, C·P·P] with C·P·P in (channel, y, x) order. */
export async function readPatchFilters(model: VitModel): Promise<Matrix> {
  const [inFeatures, D] = model.patchEmbedding.w.shape;
  const w = (await model.patchEmbedding.w.data()) as Float32Array; // [C·P·P, D]
  const out = new Float32Array(D * inFeatures);
  for (let i = 0; i < inFeatures; i++) for (let o = 0; o < D; o++) out[o * inFeatures + i] = w[i * D + o]!;
  return { data: out, shape: [D, inFeatures] };
}

/** What turns a token into class scores: the final LayerNorm and the classifier. */
export interface ReadoutWeights {
  /** [D] */
  gamma: Float32Array;
  /** [D] */
  beta: Float32Array;
  eps: number;
  /** [D, C] */
  weight: Matrix;
  /** [C] */
  bias: Float32Array;
  /** DeiT with a teacher: the distillation token's own classifier, whose logits the model averages with [CLS]'s */
  distillation?: { weight: Matrix; bias: Float32Array };
}

export async function readReadout(model: VitModel): Promise<ReadoutWeights | null> {
  if (!model.classifier) return null;
  const [gamma, beta, weight, bias] = (await Promise.all([
    model.finalNorm.gamma.data(),
    model.finalNorm.beta.data(),
    model.classifier.w.data(),
    model.classifier.b.data(),
  ])) as Float32Array[];
  const dist = model.distillationClassifier;
  const distillation = dist
    ? {
        weight: { data: (await dist.w.data()) as Float32Array, shape: dist.w.shape.slice() },
        bias: (await dist.b.data()) as Float32Array,
      }
    : undefined;
  return {
    gamma: gamma!,
    beta: beta!,
    eps: model.config.layerNormEps,
    weight: { data: weight!, shape: model.classifier.w.shape.slice() },
    bias: bias!,
    ...(distillation ? { distillation } : {}),
  };
}
