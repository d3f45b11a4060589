import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from '../model/forward';
import { LAYER_KEYS, type Matrix, type VitTrace } from '../model/trace';
import { disposeVitModel, type VitModel } from '../model/vitModel';
import { loadRandomVit, SMALL_VIT } from '../model/testing/loadRandomVit';
import { randomInput, type CanonicalVit } from '../model/testing/randomCheckpoint';
import { writeCheckpoint } from '../model/testing/checkpointFiles';
import type { AnalysisEngine } from '../analysis/engine';
import { connectedEngine } from '../worker/testing/connectedEngine';
import { analysisEngine } from './analysisEngine';

const SEED = 17;
let model: VitModel;
let vit: CanonicalVit;
let engine: AnalysisEngine;
let tensors: () => Promise<number>;
let close: () => void;
beforeAll(async () => {
  // the same random model twice: on the page side (runTrace, the expected arrays) and in the engine behind the protocol
  ({ model, vit } = await loadRandomVit({ ...SMALL_VIT, seed: SEED }));
  const connected = connectedEngine();
  close = connected.close;
  const client = connected.client;
  await client.call('startBackend', { requested: null });
  const files = writeCheckpoint(vit, 'huggingface-vit');
  const built = await client.call('buildModel', {
    source: {
      kind: 'files',
      files: [
        { name: 'config.json', bytes: new TextEncoder().encode(files.config).buffer as ArrayBuffer },
        { name: 'model.safetensors', bytes: files.safetensors.slice().buffer as ArrayBuffer },
      ],
    },
  });
  engine = analysisEngine(built, '/', client);
  tensors = () => client.call('tensors', {});
});
afterAll(() => {
  disposeVitModel(model);
  close();
});

/** Every array of a trace, by its name in the trace. */
function arrays(trace: VitTrace): Map<string, Matrix> {
  const out = new Map<string, Matrix>();
  for (const key of ['input', 'patchTokens', 'embeddings', 'finalNorm', 'pooled', 'logits', 'probs'] as const) {
    const m = trace[key];
    if (m) out.set(key, m);
  }
  trace.layers.forEach((layer, l) => LAYER_KEYS.forEach((key) => out.set(`layers[${l}].${key}`, layer[key])));
  return out;
}

describe('AnalysisEngine.trace (the second run of a comparison), through the engine protocol', { timeout: 30_000 }, () => {
  it("equals runTrace's arrays, every one, and leaves no tensor in the engine", async () => {
    const input = randomInput(vit, 3);
    const want = await runTrace(model, input);
    const before = await tensors();
    const got = await engine.trace(input);
    expect(await tensors()).toBe(before);
    const wantArrays = arrays(want);
    const gotArrays = arrays(got);
    expect([...gotArrays.keys()]).toEqual([...wantArrays.keys()]);
    expect(gotArrays.size).toBe(7 + SMALL_VIT.numLayers * LAYER_KEYS.length);
    for (const [name, m] of wantArrays) {
      expect(gotArrays.get(name)!.shape, name).toEqual(m.shape);
      expect(gotArrays.get(name)!.data, name).toEqual(m.data);
    }
    expect(got.layout).toEqual(want.layout);
  });

  it("hands back arrays that are the caller's own: changing one changes no other trace", async () => {
    const input = randomInput(vit, 4);
    const first = await engine.trace(input);
    const kept = first.layers[1]!.attn.data.slice();
    first.layers[1]!.attn.data.fill(7);
    const second = await engine.trace(input);
    expect(second.layers[1]!.attn.data).toEqual(kept);
    expect(second.layers[1]!.attn.data).not.toBe(first.layers[1]!.attn.data);
  });

  it('stops on an aborted signal and leaves no tensor', async () => {
    const before = await tensors();
    const controller = new AbortController();
    controller.abort(new Error('superseded'));
    await expect(engine.trace(randomInput(vit, 5), { signal: controller.signal })).rejects.toThrow('superseded');
    expect(await tensors()).toBe(before);
  });
});

describe('AnalysisEngine.logits, through the engine protocol', { timeout: 30_000 }, () => {
  it('copies the inputs by default and moves them when handed over; the logits are the same either way', async () => {
    const inputs = () => [randomInput(vit, 3), randomInput(vit, 4)];
    const kept = inputs();
    const copied = await engine.logits(kept);
    expect(kept.map((input) => input.length)).toEqual(inputs().map((input) => input.length));
    const handed = inputs();
    const moved = await engine.logits(handed, { handOver: true });
    // moved: the page's arrays are emptied (their buffers went to the engine), no copy was made
    expect(handed.map((input) => input.length)).toEqual([0, 0]);
    expect(moved).toEqual(copied);
    const [one] = await engine.logits([randomInput(vit, 3)]);
    expect(one).toEqual(copied[0]);
  });
});
