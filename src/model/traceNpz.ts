/**
 * The trace as `trace.npz`: a zip of `.npy` files (float32, little-endian, C order) that
 * `numpy.load` reads. The keys are a contract with tools outside ViT Lens; this file is the one
 * place that maps trace fields to them. Extend it; never rename or drop a key.
 *
 * The zip is written here, stored (no compression), entry by entry: its bytes are those fflate's
 * `zipSync(files, level 0)` wrote before (a unit test holds them equal), but the entries may be
 * sealed into Blobs as they are written, so an export of re-run layers never holds them all at once.
 */
import type { LayerTrace, Matrix, VitTrace } from './trace';

/** Contract key of each layer field: `layer{i}.{key}`. */
export const LAYER_NPZ_KEYS: Record<keyof LayerTrace, string> = {
  norm1: 'norm1',
  q: 'q',
  k: 'k',
  v: 'v',
  scores: 'scores',
  scaled: 'scaled',
  attn: 'attn',
  context: 'context',
  attnOut: 'attn_out',
  residual1: 'residual1',
  norm2: 'norm2',
  mlpHidden: 'mlp_hidden',
  out: 'out',
};

/** The arrays before the layers: the image, the patch embedding, the encoder's input. */
export function headArrays(trace: VitTrace): [string, Matrix][] {
  return [
    ['input', trace.input],
    ['patch_tokens', trace.patchTokens],
    ['embeddings', trace.embeddings],
  ];
}

/** Layer i's arrays under their contract keys. */
export function layerArrays(i: number, layer: LayerTrace): [string, Matrix][] {
  return (Object.entries(LAYER_NPZ_KEYS) as [keyof LayerTrace, string][]).map(([field, key]) => [
    `layer${i}.${key}`,
    layer[field],
  ]);
}

/** The arrays after the layers; `recorded`: the layers written, when not all of them (float32 indices). */
export function tailArrays(trace: VitTrace, recorded: readonly number[] | null): [string, Matrix][] {
  const entries: [string, Matrix][] = [
    ['final_norm', trace.finalNorm],
    ['pooled', trace.pooled],
  ];
  // a model without a classifier has no logits or probabilities: the keys are absent
  if (trace.logits) entries.push(['logits', trace.logits]);
  if (trace.probs) entries.push(['probs', trace.probs]);
  if (recorded) entries.push(['recorded_layers', { data: Float32Array.from(recorded), shape: [recorded.length] }]);
  return entries;
}

/** Every array of the trace under its contract key, in a stable order. */
export function traceArrays(trace: VitTrace): [string, Matrix][] {
  // a partial trace writes its recorded layers only, and lists them under recorded_layers
  const recorded = trace.recorded ? trace.recorded.flatMap((r, i) => (r ? [i] : [])) : null;
  return [
    ...headArrays(trace),
    ...trace.layers.flatMap((layer, i) => (!recorded || recorded.includes(i) ? layerArrays(i, layer) : [])),
    ...tailArrays(trace, recorded),
  ];
}

/** The .npy header (format version 1.0) of a float32 array of this shape, padded to 64 bytes. */
export function npyHeader(shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const preamble = 10;
  const total = Math.ceil((preamble + header.length + 1) / 64) * 64;
  header = header.padEnd(total - preamble - 1, ' ') + '\n';
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), preamble);
  return out;
}

/**
 * The array's bytes (typed arrays are little-endian on every platform browsers run on): a view, or
 * a copy of an array in shared memory (the wasm heap of a cross-origin isolated page), which a Blob
 * does not take.
 */
function bytesOf(data: Float32Array): Uint8Array {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer ? view.slice() : view;
}

/** One array as an .npy file, format version 1.0. */
export function encodeNpy(matrix: Matrix): Uint8Array {
  const header = npyHeader(matrix.shape);
  const out = new Uint8Array(header.length + matrix.data.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength), header.length);
  return out;
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
/** A zip without ZIP64 addresses 4 GiB at most */
export const MAX_NPZ_BYTES = 2 ** 32 - 1;

/** Bytes one array takes in the .npz: its local header, name, .npy header and data, and its central record. */
export function npzEntryBytes(key: string, shape: readonly number[]): number {
  const name = key.length + 4; // `${key}.npy`, ASCII
  return LOCAL_HEADER + CENTRAL_HEADER + 2 * name + npyHeader(shape).length + 4 * shape.reduce((a, b) => a * b, 1);
}

/** Bytes of an .npz holding these entries. */
export function npzBytes(entries: Iterable<[string, readonly number[]]>): number {
  let bytes = END_RECORD;
  for (const [key, shape] of entries) bytes += npzEntryBytes(key, shape);
  return bytes;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of the parts, as zip wants it. */
function crc32(parts: readonly Uint8Array[]): number {
  let c = -1;
  for (const d of parts) for (let i = 0; i < d.length; i++) c = CRC_TABLE[(c ^ d[i]!) & 255]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** An MS-DOS date and time (local time, 2-second steps), as zip stores a file's modification time. */
function dosTime(mtime: number): number {
  const dt = new Date(mtime);
  const y = dt.getFullYear() - 1980;
  if (y < 0 || y > 119) throw new Error(`a zip cannot hold the date ${dt.toISOString()}`);
  return (
    ((y << 25) |
      ((dt.getMonth() + 1) << 21) |
      (dt.getDate() << 16) |
      (dt.getHours() << 11) |
      (dt.getMinutes() << 5) |
      (dt.getSeconds() >> 1)) >>>
    0
  );
}

/**
 * Writes an .npz entry by entry. `add` keeps views of the arrays (no copy) until `seal` copies what
 * was added into a Blob, after which the caller may let those arrays go; `blob` (or `bytes`, when
 * nothing was sealed) ends the file.
 */
export class NpzWriter {
  private readonly time: number;
  private readonly sealed: Blob[] = [];
  private open: Uint8Array[] = [];
  private readonly central: Uint8Array[] = [];
  private offset = 0;

  /** `mtime`: the entries' modification time (ms since 1970), now by default */
  constructor(mtime = Date.now()) {
    this.time = dosTime(mtime);
  }

  add(key: string, matrix: Matrix): void {
    const name = new TextEncoder().encode(`${key}.npy`);
    const header = npyHeader(matrix.shape);
    const data = bytesOf(matrix.data);
    const size = header.length + data.length;
    if (this.offset + LOCAL_HEADER + name.length + size > MAX_NPZ_BYTES)
      throw new Error(`trace.npz would be larger than 4 GiB, which a zip without ZIP64 cannot hold: choose fewer layers`);
    const crc = crc32([header, data]);
    const local = new Uint8Array(LOCAL_HEADER + name.length);
    this.fields(new DataView(local.buffer), 4, crc, size, name.length);
    new DataView(local.buffer).setUint32(0, 0x04034b50, true);
    local.set(name, LOCAL_HEADER);
    const record = new Uint8Array(CENTRAL_HEADER + name.length);
    const view = new DataView(record.buffer);
    view.setUint32(0, 0x02014b50, true);
    record[4] = 20; // made by: version 2.0, MS-DOS
    this.fields(view, 6, crc, size, name.length);
    view.setUint32(42, this.offset, true);
    record.set(name, CENTRAL_HEADER);
    this.open.push(local, header, data);
    this.central.push(record);
    this.offset += local.length + size;
  }

  /** The fields local and central headers share, from "version needed" to the name's length. */
  private fields(view: DataView, at: number, crc: number, size: number, nameLength: number): void {
    view.setUint16(at, 20, true); // version needed: 2.0
    // flags 0, compression 0 (stored)
    view.setUint32(at + 6, this.time, true);
    view.setUint32(at + 10, crc, true);
    view.setUint32(at + 14, size, true); // compressed
    view.setUint32(at + 18, size, true);
    view.setUint16(at + 22, nameLength, true);
  }

  /** Copies the entries added since the last seal into a Blob, so their arrays may be let go. */
  seal(): void {
    if (this.open.length === 0) return;
    this.sealed.push(new Blob(this.open as Uint8Array<ArrayBuffer>[]));
    this.open = [];
  }

  private end(): Uint8Array[] {
    const directory = this.central.reduce((n, r) => n + r.length, 0);
    const end = new Uint8Array(END_RECORD);
    const view = new DataView(end.buffer);
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(8, this.central.length, true);
    view.setUint16(10, this.central.length, true);
    view.setUint32(12, directory, true);
    view.setUint32(16, this.offset, true);
    return [...this.central, end];
  }

  /** The whole file as a Blob (what was not sealed yet is copied into it). */
  blob(type = 'application/octet-stream'): Blob {
    this.seal();
    return new Blob([...this.sealed, ...(this.end() as Uint8Array<ArrayBuffer>[])], { type });
  }

  /** The whole file in one array; only for a writer that sealed nothing. */
  bytes(): Uint8Array {
    if (this.sealed.length > 0) throw new Error('NpzWriter.bytes: entries were sealed into Blobs; use blob()');
    const parts = [...this.open, ...this.end()];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  }
}

/** The whole trace as trace.npz (a full trace's every key; a partial trace's recorded layers and recorded_layers). */
export function encodeTraceNpz(trace: VitTrace, mtime = Date.now()): Uint8Array {
  const writer = new NpzWriter(mtime);
  for (const [key, matrix] of traceArrays(trace)) writer.add(key, matrix);
  return writer.bytes();
}
