import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTokenLayout } from '../model/tokenLayout';
import type { EngineClient } from '../worker/engineClient';
import { connectedEngine } from '../worker/testing/connectedEngine';
import { buildCompareModel, compareModelInfo } from './compareModels';

let client: EngineClient;
let close: () => void;
beforeAll(async () => {
  ({ client, close } = connectedEngine());
  await client.call('startBackend', { requested: null });
});
afterAll(() => close());

const tensors = () => client.call('tensors', {});

describe("run B's model (a second model in the engine)", { timeout: 30_000 }, () => {
  it("random-default has the default model's tokens ([CLS] + 8 × 8) and 10 classes", async () => {
    const info = await compareModelInfo('random-default');
    expect(info.layout).toEqual(makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 8, 8));
    expect([info.config.numLayers, info.config.numHeads, info.config.hiddenSize, info.numClasses]).toEqual([6, 4, 64, 10]);
    await expect(compareModelInfo('not-a-model')).rejects.toThrow(/not a model to compare with/);
  });

  it('is built behind the memory guard, traces, and frees every tensor it made when disposed', async () => {
    const before = await tensors();
    const seen: number[] = [];
    const b = await buildCompareModel('random-default', client, async (config, numClasses) => {
      seen.push(config.hiddenSize, numClasses);
    });
    expect(seen).toEqual([64, 10]);
    expect(await tensors()).toBeGreaterThan(before);
    const input = new Float32Array(3 * 64 * 64).fill(0.25);
    const trace = await b.engine.trace(input);
    expect(trace.layers[5]!.attn.shape).toEqual([4, 65, 65]);
    expect(trace.logits!.shape).toEqual([10]);
    b.dispose();
    b.dispose(); // twice is harmless
    expect(await tensors()).toBe(before);
  });

  it('a guard that says no stops it with nothing allocated', async () => {
    const before = await tensors();
    await expect(
      buildCompareModel('random-default', client, async () => {
        throw new Error('too big');
      }),
    ).rejects.toThrow('too big');
    expect(await tensors()).toBe(before);
  });
});
