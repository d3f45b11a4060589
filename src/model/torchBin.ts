/**
 * A safe reader of PyTorch's `torch.save` zip format (pytorch_model.bin): the archive's data.pkl
 * is run on a small pickle machine that knows only the opcodes a state dict uses and only four
 * callables (OrderedDict, torch's tensor and parameter rebuilders, and the storage types), so no
 * code from the file ever runs: any other global is refused by name. Tensors come out as float32
 * RawTensors, like the safetensors reader's.
 */
import { unzipSync } from 'fflate';
import { decodeFloats, type RawTensor } from './safetensors';
import { STORAGES, TorchBinError, unpickle, type TensorRef } from './torchPickle';

export { TorchBinError } from './torchPickle';

/** Reads a pytorch_model.bin (torch.save's zip format) into float32 tensors by name. */
export function readTorchBin(
  buffer: ArrayBuffer | Uint8Array,
  fileName = 'pytorch_model.bin',
  /** tensors to read; the others are skipped without being decoded (a CLIPModel's text tower) */
  keep?: (name: string) => boolean,
): Map<string, RawTensor> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new TorchBinError(fileName, 'not a zip archive: only the zip format of torch.save (PyTorch 1.6 and later) is read');
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new TorchBinError(fileName, `the zip archive is damaged (${(error as Error).message})`);
  }
  const pklName = Object.keys(entries).find((n) => n.endsWith('/data.pkl') || n === 'data.pkl');
  if (!pklName) throw new TorchBinError(fileName, 'the archive has no data.pkl');
  const prefix = pklName.slice(0, -'data.pkl'.length);
  const order = entries[`${prefix}byteorder`];
  if (order && new TextDecoder().decode(order).trim() !== 'little')
    throw new TorchBinError(fileName, 'big-endian tensors are not read');
  const root = unpickle(entries[pklName]!, fileName);
  const dict = root instanceof Map ? root : null;
  if (!dict) throw new TorchBinError(fileName, 'data.pkl does not hold a state dict (a dict of tensors)');
  const storages = new Map<string, Float32Array>();
  const tensors = new Map<string, RawTensor>();
  for (const [name, value] of dict) {
    const t = value as TensorRef;
    if (typeof name !== 'string' || t?.kind !== 'tensor' || (keep && !keep(name))) continue;
    const spec = STORAGES[t.storage.type]!;
    let data = storages.get(t.storage.key);
    if (!data) {
      const raw = entries[`${prefix}data/${t.storage.key}`];
      if (!raw || raw.byteLength % spec.bytes !== 0)
        throw new TorchBinError(fileName, `tensor "${name}": storage ${t.storage.key} is missing or cut short`);
      data = decodeFloats(raw, spec.dtype, raw.byteLength / spec.bytes);
      storages.set(t.storage.key, data);
    }
    const count = t.size.reduce((a, b) => a * b, 1);
    let last = t.offset;
    for (let i = 0; i < t.size.length; i++) if (t.size[i]! > 0) last += (t.size[i]! - 1) * t.stride[i]!;
    if (count > 0 && last >= data.length)
      throw new TorchBinError(fileName, `tensor "${name}" reaches past its storage (${data.length} values)`);
    // a view that repeats values (stride 0) could claim far more than the file holds: refuse before allocating
    if (count > bytes.length)
      throw new TorchBinError(fileName, `tensor "${name}" claims ${count} values, more than the file could hold`);
    const out = new Float32Array(count);
    // gather in C order through the strides (a transposed or sliced tensor is stored as a view)
    const index = new Array<number>(t.size.length).fill(0);
    for (let i = 0; i < count; i++) {
      let at = t.offset;
      for (let d = 0; d < index.length; d++) at += index[d]! * t.stride[d]!;
      out[i] = data[at]!;
      for (let d = index.length - 1; d >= 0; d--) {
        if (++index[d]! < t.size[d]!) break;
        index[d] = 0;
      }
    }
    tensors.set(name, { name, shape: t.size.slice(), data: out, storedDtype: spec.dtype });
  }
  return tensors;
}
