/**
 * The export dialog's model side: typed layer lists, the file's size (exact), and trace.npz with
 * chosen layers: byte-identical to the one-click export for a full trace, the same keys and shapes
 * for a subset, re-run layers equal to a full trace's (bytes and all), written as they arrive.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockInputOf, runBlock, runTrace } from './forward';
import { loadVit } from './loadVit';
import { LAYER_KEYS, type LayerTrace, type VitTrace } from './trace';
import { encodeNpy, encodeTraceNpz, traceArrays } from './traceNpz';
import { exportBytes, formatLayerList, layersToRun, parseLayerList, writeTraceNpz, type ExportProgress } from './traceExport';
import { decodeNpz } from './testing/npzReader';
import { randomCanonicalVit, randomInput } from './testing/randomCheckpoint';
import { writeCheckpoint } from './testing/checkpointFiles';
import { SMALL_VIT } from './testing/loadRandomVit';
import { disposeVitModel, type VitModel } from './vitModel';

const MTIME = Date.UTC(2026, 0, 2, 3, 4, 6);

describe('parseLayerList', () => {
  it('reads numbers and ranges, sorted and each once', () => {
    expect(parseLayerList('0-3, 11', 12)).toEqual({ ok: true, layers: [0, 1, 2, 3, 11] });
    expect(parseLayerList(' 5 2,2;  4–6 ', 12)).toEqual({ ok: true, layers: [2, 4, 5, 6] });
    expect(parseLayerList('7-7', 8)).toEqual({ ok: true, layers: [7] });
    expect(parseLayerList('0-23', 24)).toEqual({ ok: true, layers: Array.from({ length: 24 }, (_, i) => i) });
  });

  it('says what is wrong with a bad list', () => {
    expect(parseLayerList('', 12)).toEqual({ ok: false, error: { kind: 'empty' } });
    expect(parseLayerList(' , ', 12)).toEqual({ ok: false, error: { kind: 'empty' } });
    expect(parseLayerList('1, x', 12)).toEqual({ ok: false, error: { kind: 'syntax', part: 'x' } });
    expect(parseLayerList('-1', 12)).toEqual({ ok: false, error: { kind: 'syntax', part: '-1' } });
    expect(parseLayerList('1.5', 12)).toEqual({ ok: false, error: { kind: 'syntax', part: '1.5' } });
    expect(parseLayerList('2-', 12)).toEqual({ ok: false, error: { kind: 'syntax', part: '2-' } });
    expect(parseLayerList('1-2-3', 12)).toEqual({ ok: false, error: { kind: 'syntax', part: '1-2-3' } });
    expect(parseLayerList('0, 12', 12)).toEqual({ ok: false, error: { kind: 'range', part: '12', max: 11 } });
    expect(parseLayerList('10-99999999999999999999', 12)).toEqual({
      ok: false,
      error: { kind: 'range', part: '10-99999999999999999999', max: 11 },
    });
    expect(parseLayerList('5-3', 12)).toEqual({ ok: false, error: { kind: 'reversed', part: '5-3' } });
  });

  it('formats a list in its shortest form, which reads back to the same layers', () => {
    expect(formatLayerList([11, 0, 1, 2, 3, 3])).toBe('0-3, 11');
    expect(formatLayerList([4])).toBe('4');
    expect(formatLayerList([1, 3, 5])).toBe('1, 3, 5');
    expect(formatLayerList([])).toBe('');
    for (const layers of [[0], [0, 1], [2, 3, 4, 9, 10, 15], [0, 2, 4, 5, 6, 7]])
      expect(parseLayerList(formatLayerList(layers), 16)).toEqual({ ok: true, layers });
  });
});

/** The one-click export before the dialog: fflate's zipSync, stored, of every .npy. */
function zipSyncReference(trace: VitTrace): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0; mtime: number }]> = {};
  for (const [key, matrix] of traceArrays(trace)) files[`${key}.npy`] = [encodeNpy(matrix), { level: 0, mtime: MTIME }];
  return zipSync(files);
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('trace.npz with chosen layers', () => {
  let model: VitModel;
  let full: VitTrace;
  let partial: VitTrace;
  const numLayers = 4;
  const runLayer = (l: number, input: Float32Array) => runBlock(model, l, input);

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const vit = randomCanonicalVit({ ...SMALL_VIT, numLayers, seed: 71 });
    const files = writeCheckpoint(vit, 'huggingface-vit');
    const file = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
    model = (
      await loadVit([file('config.json', new TextEncoder().encode(files.config)), file('model.safetensors', files.safetensors)])
    ).model;
    const input = randomInput(vit);
    full = await runTrace(model, input);
    partial = await runTrace(model, input, { recordLayers: [0, 2] });
  });
  afterAll(() => disposeVitModel(model));

  it('a full trace is byte-identical to the one-click export (fflate zipSync), written whole or through a Blob', async () => {
    const reference = zipSyncReference(full);
    expect(encodeTraceNpz(full, MTIME)).toEqual(reference);
    const all = await writeTraceNpz(full, [0, 1, 2, 3], { runLayer, mtime: MTIME });
    expect(await bytesOf(all)).toEqual(reference);
    // and a partial trace's one-click export (its recorded layers and recorded_layers) too
    expect(encodeTraceNpz(partial, MTIME)).toEqual(zipSyncReference(partial));
  });

  it("every layer of a partial trace, re-run, gives exactly the full trace's file", async () => {
    const progress: ExportProgress[] = [];
    const ran: number[] = [];
    const blob = await writeTraceNpz(partial, [0, 1, 2, 3], {
      runLayer: (l, input) => {
        ran.push(l);
        return runLayer(l, input);
      },
      onProgress: (p) => progress.push(p),
      mtime: MTIME,
    });
    expect(ran).toEqual([1, 3]);
    expect(progress).toEqual([
      { layer: 1, done: 0, count: 2 },
      { layer: 3, done: 1, count: 2 },
      { layer: 3, done: 2, count: 2 },
    ]);
    expect(await bytesOf(blob)).toEqual(zipSyncReference(full));
    // the session's trace is left as it was: partial
    expect(partial.recorded).toEqual([true, false, true, false]);
    expect(partial.layers[1]!.attn.data.length).toBe(0);
  });

  it("a subset has exactly its layers' contract keys and recorded_layers, with the full trace's shapes and values", async () => {
    const npz = decodeNpz(await bytesOf(await writeTraceNpz(partial, [1, 2], { runLayer })));
    const fullNpz = decodeNpz(encodeTraceNpz(full));
    const layerKeys = (l: number) =>
      ['norm1', 'q', 'k', 'v', 'scores', 'scaled', 'attn', 'context', 'attn_out', 'residual1', 'norm2', 'mlp_hidden', 'out'].map(
        (k) => `layer${l}.${k}`,
      );
    const expected = [
      'input',
      'patch_tokens',
      'embeddings',
      ...layerKeys(1),
      ...layerKeys(2),
      'final_norm',
      'pooled',
      'logits',
      'probs',
      'recorded_layers',
    ];
    expect([...npz.keys()]).toEqual(expected);
    expect(Array.from(npz.get('recorded_layers')!.data)).toEqual([1, 2]);
    expect(npz.get('recorded_layers')!.shape).toEqual([2]);
    for (const key of expected.filter((k) => k !== 'recorded_layers')) {
      expect(npz.get(key)!.shape, key).toEqual(fullNpz.get(key)!.shape);
      expect(Array.from(npz.get(key)!.data), key).toEqual(Array.from(fullNpz.get(key)!.data));
    }
    // the recorded layers of a partial trace, as the one-click export wrote them
    expect(await bytesOf(await writeTraceNpz(partial, [0, 2], { runLayer, mtime: MTIME }))).toEqual(
      encodeTraceNpz(partial, MTIME),
    );
  });

  it('estimates the size exactly, for every layer, a subset and one layer', async () => {
    for (const layers of [[0, 1, 2, 3], [1, 2], [3]]) {
      const blob = await writeTraceNpz(partial, layers, { runLayer });
      expect(exportBytes(partial, layers), layers.join()).toBe(blob.size);
      expect(exportBytes(full, layers), layers.join()).toBe(blob.size);
    }
    expect(layersToRun(partial, [0, 1, 2, 3])).toEqual([1, 3]);
    expect(layersToRun(full, [0, 1, 2, 3])).toEqual([]);
  });

  it('writes each re-run layer as it arrives: the arrays may be overwritten as soon as the next is asked for', async () => {
    let previous: LayerTrace | null = null;
    const blob = await writeTraceNpz(partial, [0, 1, 2, 3], {
      runLayer: async (l, input) => {
        for (const key of LAYER_KEYS) previous?.[key].data.fill(Number.NaN);
        return (previous = await runLayer(l, input));
      },
      mtime: MTIME,
    });
    for (const key of LAYER_KEYS) previous![key].data.fill(Number.NaN);
    expect(await bytesOf(blob)).toEqual(zipSyncReference(full));
  });

  it("stops at a cancel, between layers and during one, with the signal's reason", async () => {
    const controller = new AbortController();
    const ran: number[] = [];
    const reason = new DOMException('cancelled', 'AbortError');
    const written = writeTraceNpz(partial, [0, 1, 2, 3], {
      runLayer: async (l, input, signal) => {
        ran.push(l);
        expect(signal).toBe(controller.signal);
        const layer = await runLayer(l, input);
        controller.abort(reason);
        return layer;
      },
      signal: controller.signal,
    });
    await expect(written).rejects.toBe(reason);
    expect(ran).toEqual([1]);
    await expect(writeTraceNpz(partial, [0], { runLayer, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    // the block's input handed over is a copy (the engine's call moves it away)
    await writeTraceNpz(partial, [1], {
      runLayer: async (l, input) => {
        expect(input).not.toBe(blockInputOf(partial, l));
        expect(Array.from(input)).toEqual(Array.from(blockInputOf(partial, l)));
        input.fill(0);
        return runLayer(l, blockInputOf(partial, l));
      },
    });
    expect(Array.from(partial.layers[0]!.out.data)).toEqual(Array.from(full.layers[0]!.out.data));
  });
});
