import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSource } from './protocol';
import { connectedEngine } from './testing/connectedEngine';
import { randomCanonicalVit, randomInput, type CanonicalVit } from '../model/testing/randomCheckpoint';
import { writeCheckpoint } from '../model/testing/checkpointFiles';
import { referenceForward } from '../model/testing/reference64';
import { maxRelativeError, SMALL_VIT } from '../model/testing/loadRandomVit';
import { leaveCoreToPage, PAGE_INPUT_HOLD_MS, threadLimitNow, watchPageInput } from '../model/wasmKernels/threadLimit';
import { CONTROL } from '../model/wasmKernels/kernelSignatures';

let vit: CanonicalVit;
let source: ModelSource;
beforeAll(() => {
  vit = randomCanonicalVit({ ...SMALL_VIT, numLayers: 3, seed: 21 });
  const files = writeCheckpoint(vit, 'huggingface-vit');
  source = {
    kind: 'files',
    files: [
      { name: 'config.json', bytes: new TextEncoder().encode(files.config).buffer as ArrayBuffer },
      { name: 'model.safetensors', bytes: files.safetensors.slice().buffer as ArrayBuffer },
    ],
  };
});

describe('the engine through the worker protocol', { timeout: 30_000 }, () => {
  it('builds a model, traces an image against the float64 reference, and answers every analysis call', async () => {
    const { client, close } = connectedEngine();
    try {
      await client.call('startBackend', { requested: null });
      const guarded: number[] = [];
      const built = await client.call(
        'buildModel',
        { source },
        { guard: async (_config, classes) => void guarded.push(classes) },
      );
      expect(guarded).toEqual([SMALL_VIT.numClasses]);
      expect(built.model.config.numLayers).toBe(3);
      expect(built.model.numClasses).toBe(SMALL_VIT.numClasses);
      const input = randomInput(vit);
      const ref = referenceForward(vit, input);
      const { traceId, trace } = await client.call('runTrace', { handle: built.handle, input });
      expect(maxRelativeError(trace.logits!.data, ref.logits!)).toBeLessThan(1e-4);
      for (const [l, layer] of trace.layers.entries()) {
        expect(maxRelativeError(layer.attn.data, ref.layers[l]!.attn)).toBeLessThan(1e-4);
        expect(maxRelativeError(layer.q.data, ref.layers[l]!.q)).toBeLessThan(1e-4);
      }
      await client.call('releaseTrace', { traceId });
      const [logits] = await client.call('logits', { handle: built.handle, inputs: [input] });
      expect(maxRelativeError(logits!, ref.logits!)).toBeLessThan(1e-4);
      const both = await client.call('logitsAndAttention', { handle: built.handle, input });
      expect(maxRelativeError(both.attention[2]!, ref.layers[2]!.attn)).toBeLessThan(1e-4);
      const attention = await client.call('attention', { handle: built.handle, input });
      expect(maxRelativeError(attention[0]!, ref.layers[0]!.attn)).toBeLessThan(1e-4);
      const gradients = await client.call('gradients', { handle: built.handle, input, classIndex: 1 });
      expect(gradients.logit).toBeCloseTo(ref.logits![1]!, 4);
      const filters = await client.call('patchFilters', { handle: built.handle });
      expect(filters.shape[0]).toBe(SMALL_VIT.hiddenSize);
      expect((await client.call('readout', { handle: built.handle }))!.weight.shape).toEqual([
        SMALL_VIT.hiddenSize,
        SMALL_VIT.numClasses,
      ]);
      await client.call('disposeModel', { handle: built.handle });
    } finally {
      close();
    }
  });

  it('refuses a model the page guard refuses, with the guard’s message', async () => {
    const { client, close } = connectedEngine();
    try {
      const refuse = async () => {
        throw Object.assign(new Error('too big for this page'), { name: 'ModelMemoryError' });
      };
      await expect(client.call('buildModel', { source }, { guard: refuse })).rejects.toThrow('too big for this page');
    } finally {
      close();
    }
  });

  it('leaves no tensor behind over repeated traces and analyses, and two models live side by side', async () => {
    const { client, close } = connectedEngine();
    try {
      await client.call('startBackend', { requested: null });
      const before = await client.call('tensors', {});
      const a = await client.call('buildModel', { source });
      const b = await client.call('buildModel', { source: { kind: 'preset', id: 'random-seed-toy' } });
      expect(a.handle).not.toBe(b.handle);
      const input = randomInput(vit);
      const afterBuild = await client.call('tensors', {});
      for (let i = 0; i < 3; i++) {
        const { traceId } = await client.call('runTrace', { handle: a.handle, input });
        await client.call('releaseTrace', { traceId });
        await client.call('trace', { handle: a.handle, input });
        await client.call('logits', { handle: a.handle, inputs: [input, input] });
        await client.call('gradients', { handle: a.handle, input, classIndex: 0 });
      }
      expect(await client.call('tensors', {})).toBe(afterBuild);
      await client.call('disposeModel', { handle: a.handle });
      await client.call('disposeModel', { handle: b.handle });
      expect(await client.call('tensors', {})).toBe(before);
    } finally {
      close();
    }
  });

  it('a cancelled job stops mid-pass with an AbortError, reports progress before, and frees what it made', async () => {
    const { client, close } = connectedEngine();
    try {
      await client.call('startBackend', { requested: null });
      const built = await client.call('buildModel', { source });
      const input = randomInput(vit);
      const before = await client.call('tensors', {});
      const controller = new AbortController();
      const progress: number[] = [];
      const inputs = Array.from({ length: 200 }, () => input);
      const job = client.call(
        'logits',
        { handle: built.handle, inputs, headMask: undefined },
        {
          signal: controller.signal,
          onProgress: (fraction) => {
            progress.push(fraction);
            if (progress.length === 1) controller.abort(new DOMException('cancelled', 'AbortError'));
          },
        },
      );
      await expect(job).rejects.toMatchObject({ name: 'AbortError' });
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(progress[progress.length - 1]!).toBeLessThan(1);
      expect(await client.call('tensors', {})).toBe(before);
      // the engine goes on serving after a cancel
      const { trace, traceId } = await client.call('runTrace', { handle: built.handle, input });
      expect(trace.layers).toHaveLength(3);
      await client.call('releaseTrace', { traceId });
    } finally {
      close();
    }
  });

  it('a partial trace over the protocol, and the block call re-runs a layer it did not record to the full trace\'s arrays', async () => {
    const { client, close } = connectedEngine();
    try {
      await client.call('startBackend', { requested: null });
      const built = await client.call('buildModel', { source });
      const input = randomInput(vit);
      const before = await client.call('tensors', {});
      const full = await client.call('runTrace', { handle: built.handle, input });
      const partial = await client.call('runTrace', { handle: built.handle, input, recordLayers: [0] });
      expect(partial.trace.recorded).toEqual([true, false, false]);
      expect(partial.trace.layers[2]!.attn.data.length).toBe(0);
      const layer = await client.call('block', { handle: built.handle, layer: 2, input: partial.trace.layers[1]!.out.data.slice() });
      for (const key of ['q', 'attn', 'mlpHidden', 'out'] as const) {
        expect(Array.from(layer[key].data), key).toEqual(Array.from(full.trace.layers[2]![key].data));
      }
      await client.call('releaseTrace', { traceId: full.traceId });
      await client.call('releaseTrace', { traceId: partial.traceId });
      expect(await client.call('tensors', {})).toBe(before);
    } finally {
      close();
    }
  });

  it('reads the page’s input clock it is given: during background work, a core is left only while the page is in use', async () => {
    const { client, close } = connectedEngine();
    const buffer = new SharedArrayBuffer(8);
    const lastInput = new Float64Array(buffer);
    const release = leaveCoreToPage();
    try {
      lastInput[0] = Date.now();
      client.sharePageInput(buffer);
      await client.call('tensors', {}); // the host has read its messages
      expect(threadLimitNow(2)).toBe(1);
      lastInput[0] = Date.now() - PAGE_INPUT_HOLD_MS - 1;
      expect(threadLimitNow(2)).toBe(CONTROL.maxThreads);
    } finally {
      release();
      watchPageInput(null);
      close();
    }
  });
});

