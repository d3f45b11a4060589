import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTokenLayout } from '../model/tokenLayout';
import { buildCompareModel, compareModelInfo } from './compareModels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("run B's model", () => {
  it("random-default has the default model's tokens ([CLS] + 8 × 8) and 10 classes", async () => {
    const info = await compareModelInfo('random-default');
    expect(info.layout).toEqual(makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 8, 8));
    expect([info.config.numLayers, info.config.numHeads, info.config.hiddenSize, info.numClasses]).toEqual([6, 4, 64, 10]);
    await expect(compareModelInfo('not-a-model')).rejects.toThrow(/not a model to compare with/);
  });

  it('is built behind the memory guard, traces, and frees every tensor it made when disposed', async () => {
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const b = await buildCompareModel('random-default', async (config, numClasses) => {
      seen.push(config.hiddenSize, numClasses);
    });
    expect(seen).toEqual([64, 10]);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    const input = new Float32Array(3 * 64 * 64).fill(0.25);
    const trace = await b.engine.trace(input);
    expect(trace.layers[5]!.attn.shape).toEqual([4, 65, 65]);
    expect(trace.logits!.shape).toEqual([10]);
    b.dispose();
    b.dispose(); // twice is harmless
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a guard that says no stops it with nothing allocated', async () => {
    const before = tf.memory().numTensors;
    await expect(
      buildCompareModel('random-default', async () => {
        throw new Error('too big');
      }),
    ).rejects.toThrow('too big');
    expect(tf.memory().numTensors).toBe(before);
  });
});
