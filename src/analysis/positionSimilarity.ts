/**
 * Position-embedding similarity (the ViT paper, Fig. 7 centre): the cosine similarity of each
 * patch position's learned embedding with every other. A model that has learned 2-D structure
 * shows, for each position, a bright spot at itself fading with distance, often along rows and columns.
 */
import type { VitTrace } from '../model/trace';
import type { TokenLayout } from '../model/tokenLayout';
import { impliedPositionEmbeddings } from './rows';
import { rowNorms } from './tokenFeatures';

/** The patch positions' embeddings [N, D], read from the trace: embeddings − patch tokens. Null without position embeddings. */
export function patchPositionEmbeddings(trace: VitTrace): Float32Array | null {
  if (!trace.layout.hasPositionEmbeddings) return null;
  return impliedPositionEmbeddings(trace.embeddings, trace.patchTokens, trace.layout);
}

/** Why the similarity cannot be drawn for this layout, in a sentence, or null when it can. */
export function positionSimilarityRuledOut(layout: TokenLayout): string | null {
  if (!layout.hasPositionEmbeddings) {
    return 'This model has no position embeddings: it sees the image as a bag of patches, so there is nothing to compare.';
  }
  if (layout.numPatches < 2) return 'This model has a single patch position, so there is nothing to compare it with.';
  return null;
}

/** Cosine similarity of every row with every other: [N, N] for [N, D]. A zero row has similarity 0. */
export function cosineSimilarity(rows: ArrayLike<number>, N: number, D: number): Float32Array {
  const norms = rowNorms(rows, N, D);
  const out = new Float32Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      let dot = 0;
      for (let k = 0; k < D; k++) dot += rows[i * D + k]! * rows[j * D + k]!;
      const c = norms[i]! > 0 && norms[j]! > 0 ? dot / (norms[i]! * norms[j]!) : 0;
      out[i * N + j] = c;
      out[j * N + i] = c;
    }
  }
  return out;
}
