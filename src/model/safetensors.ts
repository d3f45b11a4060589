/**
 * A validating reader of the safetensors format: an 8-byte little-endian header length, a JSON
 * header `{ name: { dtype, shape, data_offsets: [begin, end] } }`, then the data area.
 * Nothing in the file is trusted before it is checked; every error names the file and the tensor.
 */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16';

export interface RawTensor {
  name: string;
  shape: number[];
  /** Always float32, whatever the stored dtype. */
  data: Float32Array;
  storedDtype: SafetensorsDtype;
}

const DTYPE_BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2 };

/** The safetensors library refuses headers above 100 MB; so does ViT Lens, before reading one. */
export const MAX_HEADER_BYTES = 100_000_000;

export class SafetensorsError extends Error {
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'SafetensorsError';
  }
}

export function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** count little-endian F32, F16 or BF16 values → float32 (also used by the pytorch_model.bin reader). */
export function decodeFloats(bytes: Uint8Array, dtype: SafetensorsDtype, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = float16ToFloat32(view.getUint16(i * 2, true));
  } else {
    // bfloat16 is the top half of a float32
    const wide = new Uint32Array(count);
    for (let i = 0; i < count; i++) wide[i] = view.getUint16(i * 2, true) << 16;
    out.set(new Float32Array(wide.buffer));
  }
  return out;
}

interface HeaderEntry {
  dtype: unknown;
  shape: unknown;
  data_offsets: unknown;
}

/** Parses a whole safetensors file into float32 tensors by name. */
export function readSafetensors(
  buffer: ArrayBuffer | Uint8Array,
  fileName = 'model.safetensors',
  /** tensors to read; the others are skipped unchecked and undecoded (a CLIPModel's text tower, integer buffers) */
  keep?: (name: string) => boolean,
): Map<string, RawTensor> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.byteLength < 8) {
    throw new SafetensorsError(fileName, `file is ${bytes.byteLength} bytes, too short to hold a safetensors header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const claimed = view.getBigUint64(0, true);
  const headerLength = Number(claimed);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new SafetensorsError(
      fileName,
      `header length ${claimed} bytes is beyond the ${MAX_HEADER_BYTES / 1e6} MB a safetensors header may have; the file is corrupt or not safetensors`,
    );
  }
  if (headerLength === 0 || 8 + headerLength > bytes.byteLength) {
    throw new SafetensorsError(
      fileName,
      `header length ${headerLength} does not fit in the file (${bytes.byteLength} bytes); the file is truncated or not safetensors`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new SafetensorsError(fileName, `header is not well-formed JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError(fileName, 'header must be a JSON object of tensors');
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const tensors = new Map<string, RawTensor>();
  const spans: { begin: number; end: number; name: string; shape: number[]; dtype: SafetensorsDtype }[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__' || (keep && !keep(name))) continue;
    const entry = value as HeaderEntry;
    const where = `tensor "${name}"`;
    if (typeof entry !== 'object' || entry === null) throw new SafetensorsError(fileName, `${where} has no description`);
    const dtype = entry.dtype;
    if (typeof dtype !== 'string' || !Object.hasOwn(DTYPE_BYTES, dtype)) {
      throw new SafetensorsError(
        fileName,
        `${where} has dtype ${JSON.stringify(dtype)}; ViT Lens reads F32, F16 and BF16 (convert the checkpoint to one of them)`,
      );
    }
    const shape = entry.shape;
    if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
      throw new SafetensorsError(fileName, `${where} has an invalid shape ${JSON.stringify(shape)}`);
    }
    const offsets = entry.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0)) {
      throw new SafetensorsError(fileName, `${where} has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > dataLength) {
      throw new SafetensorsError(
        fileName,
        `${where} has data_offsets [${begin}, ${end}] outside the data area (${dataLength} bytes); the file is truncated or corrupt`,
      );
    }
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    const expected = count * DTYPE_BYTES[dtype as SafetensorsDtype];
    if (end - begin !== expected) {
      throw new SafetensorsError(
        fileName,
        `${where} holds ${end - begin} bytes but shape [${shape.join(', ')}] in ${dtype} needs ${expected}`,
      );
    }
    spans.push({ begin, end, name, shape: shape as number[], dtype: dtype as SafetensorsDtype });
  }
  // Every entry is checked before any tensor is decoded, so a bad header allocates nothing.
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const [a, b] = [spans[i - 1]!, spans[i]!];
    if (b.begin < a.end) {
      throw new SafetensorsError(
        fileName,
        `tensors "${a.name}" [${a.begin}, ${a.end}] and "${b.name}" [${b.begin}, ${b.end}] overlap in the data area; the file is corrupt`,
      );
    }
  }
  for (const { name, begin, end, shape, dtype } of spans) {
    tensors.set(name, {
      name,
      shape,
      storedDtype: dtype,
      data: decodeFloats(bytes.subarray(dataStart + begin, dataStart + end), dtype, (end - begin) / DTYPE_BYTES[dtype]),
    });
  }
  return tensors;
}
