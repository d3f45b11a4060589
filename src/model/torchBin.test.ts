import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readTorchBin, TorchBinError } from './torchBin';
import { loadVit } from './loadVit';
import { runTrace } from './forward';
import { disposeVitModel } from './vitModel';
import { randomCanonicalVit, randomInput } from './testing/randomCheckpoint';
import { configJson, namedTensors } from './testing/checkpointFiles';
import { referenceForward } from './testing/reference64';
import { writeTorchBin } from './testing/torchBinWriter';
import { SMALL_SPEC } from '../../e2e/support/checkpoints';

// torch.save (PyTorch 1.13) of: a.weight = arange(6).reshape(2, 3), a.bias = [1.5, -2], h = arange(4) in
// float16, b = arange(4) in bfloat16, t = a.weight's transpose (a strided view), v = a.weight[1] (an offset view)
const fixture = new Uint8Array(readFileSync(new URL('./testing/fixtures/tiny_state_dict.bin', import.meta.url)));

const zipWith = (pickle: number[]) =>
  zipSync({ 'x/data.pkl': new Uint8Array(pickle), 'x/version': new TextEncoder().encode('3\n') });
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('readTorchBin', () => {
  it("reads torch.save's zip format: float32, float16, bfloat16, transposed and offset views", () => {
    const t = readTorchBin(fixture);
    expect([...t.keys()]).toEqual(['a.weight', 'a.bias', 'h', 'b', 't', 'v']);
    expect(t.get('a.weight')!.shape).toEqual([2, 3]);
    expect([...t.get('a.weight')!.data]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...t.get('a.bias')!.data]).toEqual([1.5, -2]);
    expect([...t.get('h')!.data]).toEqual([0, 1, 2, 3]);
    expect(t.get('h')!.storedDtype).toBe('F16');
    expect([...t.get('b')!.data]).toEqual([0, 1, 2, 3]);
    expect(t.get('t')!.shape).toEqual([3, 2]);
    expect([...t.get('t')!.data]).toEqual([0, 3, 1, 4, 2, 5]);
    expect([...t.get('v')!.data]).toEqual([3, 4, 5]);
  });

  it('never runs what a pickle asks for: os.system is refused by name', () => {
    // pickle.dumps of an object whose __reduce__ is (os.system, ('echo hi',))
    const evil = [0x80, 2, 0x63, ...ascii('os\nsystem\n'), 0x58, 7, 0, 0, 0, ...ascii('echo hi'), 0x85, 0x52, 0x2e];
    expect(() => readTorchBin(zipWith(evil), 'evil.bin')).toThrow(
      'evil.bin: the pickle asks for os.system, which ViT Lens never runs',
    );
    const builtins = [0x80, 2, 0x63, ...ascii('builtins\neval\n'), 0x2e];
    expect(() => readTorchBin(zipWith(builtins), 'evil.bin')).toThrow(/asks for builtins\.eval/);
  });

  it('refuses a file that is not a zip, and the old (pre-1.6) format', () => {
    expect(() => readTorchBin(new Uint8Array([0x80, 2, 0x8a]), 'old.bin')).toThrow(/old\.bin: not a zip archive/);
  });

  it('random bytes and mutated files end in its own error or a result, never anything else', () => {
    const check = (bytes: Uint8Array) => {
      try {
        readTorchBin(bytes, 'f.bin');
      } catch (error) {
        if (!(error instanceof TorchBinError)) throw error;
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check), { numRuns: 500 });
    const pkl = readFileSync(new URL('./testing/fixtures/tiny_state_dict.bin', import.meta.url));
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (at, value, cut) => {
        const bytes = new Uint8Array(pkl);
        if (cut) check(bytes.subarray(0, at % bytes.length));
        else {
          bytes[at % bytes.length] = value;
          check(bytes);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a ViT from pytorch_model.bin', () => {
  it('loads and runs as its safetensors twin does', async () => {
    await tf.setBackend('cpu');
    const vit = randomCanonicalVit({ ...SMALL_SPEC, distilled: true });
    const bin = writeTorchBin(namedTensors(vit, 'huggingface-deit'));
    const file = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
    const loaded = await loadVit([
      file('config.json', new TextEncoder().encode(configJson(vit))),
      file('pytorch_model.bin', bin),
    ]);
    const input = randomInput(vit);
    const trace = await runTrace(loaded.model, input);
    const ref = referenceForward(vit, input);
    trace.logits!.data.forEach((v, i) => expect(Math.abs(v - ref.logits![i]!)).toBeLessThan(1e-4));
    disposeVitModel(loaded.model);
  });
});
