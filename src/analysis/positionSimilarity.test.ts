import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarity, patchPositionEmbeddings } from './positionSimilarity';
import { runTrace } from '../model/forward';
import { disposeVitModel } from '../model/vitModel';
import { randomInput } from '../model/testing/randomCheckpoint';
import { loadRandomVit } from '../model/testing/loadRandomVit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('position-embedding similarity', () => {
  it('orthogonal embeddings are similar only to themselves; scaled copies are identical', () => {
    // four orthogonal rows of width 4 (a Hadamard matrix), the last scaled by 3
    const rows = [1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, 3, -3, -3, 3];
    const sim = cosineSimilarity(rows, 4, 4);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(sim[i * 4 + j]).toBeCloseTo(i === j ? 1 : 0, 6);
    expect(Array.from(cosineSimilarity([1, 2, -2, -4, 0, 0], 3, 2))).toEqual([1, -1, 0, -1, 1, 0, 0, 0, 0]);
  });

  it('recovers the position embeddings from a trace (embeddings − patch tokens)', async () => {
    const { vit, model } = await loadRandomVit({
      hiddenSize: 8,
      numLayers: 1,
      numHeads: 2,
      intermediateSize: 16,
      imageSize: 8,
      patchSize: 4,
      numClasses: 3,
    });
    const trace = await runTrace(model, randomInput(vit));
    disposeVitModel(model);
    const pos = patchPositionEmbeddings(trace)!;
    const want = vit.positionEmbeddings!.subarray(8); // rows 1… (row 0 is [CLS]'s)
    expect(pos.length).toBe(want.length);
    pos.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    expect(patchPositionEmbeddings({ ...trace, layout: { ...trace.layout, hasPositionEmbeddings: false } })).toBeNull();
  });
});
