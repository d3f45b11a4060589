/**
 * Writes a state dict the way torch.save does (zip archive, protocol-2 pickle of an OrderedDict of
 * _rebuild_tensor_v2 calls over float32 storages), for tests of the safe .bin reader. The reader's
 * own test reads a file PyTorch itself wrote; this writer makes ViT-sized ones from random weights.
 */
import { zipSync } from 'fflate';
import type { TensorToWrite } from '../safetensorsWriter';

const ascii = (s: string) => [...new TextEncoder().encode(s)];
const int32 = (v: number) => [0x4a, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const unicode = (s: string) => {
  const b = ascii(s);
  return [0x58, b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b];
};
const global = (module: string, name: string) => [0x63, ...ascii(`${module}\n${name}\n`)];
const tuple = (items: number[][]) => [0x28, ...items.flat(), 0x74];

export function writeTorchBin(tensors: Record<string, TensorToWrite>, archive = 'archive'): Uint8Array {
  const files: Record<string, Uint8Array> = { [`${archive}/version`]: new TextEncoder().encode('3\n') };
  const pickle: number[] = [0x80, 2, ...global('collections', 'OrderedDict'), 0x29, 0x52, 0x28];
  Object.entries(tensors).forEach(([name, t], key) => {
    const data = Float32Array.from(t.data);
    files[`${archive}/data/${key}`] = new Uint8Array(data.buffer);
    const strides = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((a, b) => a * b, 1));
    pickle.push(
      ...unicode(name),
      ...global('torch._utils', '_rebuild_tensor_v2'),
      0x28,
      ...tuple([unicode('storage'), global('torch', 'FloatStorage'), unicode(String(key)), unicode('cpu'), int32(data.length)]),
      0x51,
      ...int32(0),
      ...tuple(t.shape.map(int32)),
      ...tuple(strides.map(int32)),
      0x89,
      ...global('collections', 'OrderedDict'),
      0x29,
      0x52,
      0x74,
      0x52,
    );
  });
  pickle.push(0x75, 0x2e);
  files[`${archive}/data.pkl`] = new Uint8Array(pickle);
  return zipSync(files, { level: 0 });
}
