/**
 * The trace as `trace.npz`: a zip of `.npy` files (float32, little-endian, C order) that
 * `numpy.load` reads. The keys are a contract with tools outside ViT Lens; this file is the one
 * place that maps trace fields to them. Extend it; never rename or drop a key.
 */
import { zipSync } from 'fflate';
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

/** Every array of the trace under its contract key, in a stable order. */
export function traceArrays(trace: VitTrace): [string, Matrix][] {
  const entries: [string, Matrix][] = [
    ['input', trace.input],
    ['patch_tokens', trace.patchTokens],
    ['embeddings', trace.embeddings],
  ];
  // a partial trace writes its recorded layers only, and lists them under recorded_layers (float32 indices)
  trace.layers.forEach((layer, i) => {
    if (trace.recorded && !trace.recorded[i]) return;
    for (const [field, key] of Object.entries(LAYER_NPZ_KEYS) as [keyof LayerTrace, string][]) {
      entries.push([`layer${i}.${key}`, layer[field]]);
    }
  });
  entries.push(['final_norm', trace.finalNorm], ['pooled', trace.pooled]);
  // a model without a classifier has no logits or probabilities: the keys are absent
  if (trace.logits) entries.push(['logits', trace.logits]);
  if (trace.probs) entries.push(['probs', trace.probs]);
  if (trace.recorded) {
    const layers = trace.recorded.flatMap((r, i) => (r ? [i] : []));
    entries.push(['recorded_layers', { data: Float32Array.from(layers), shape: [layers.length] }]);
  }
  return entries;
}

/** One array as an .npy file, format version 1.0. */
export function encodeNpy(matrix: Matrix): Uint8Array {
  const shape = matrix.shape.length === 1 ? `(${matrix.shape[0]},)` : `(${matrix.shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  const preamble = 10;
  const total = Math.ceil((preamble + header.length + 1) / 64) * 64;
  header = header.padEnd(total - preamble - 1, ' ') + '\n';
  const out = new Uint8Array(total + matrix.data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), preamble);
  // typed arrays are little-endian on every platform browsers run on
  out.set(new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength), total);
  return out;
}

export function encodeTraceNpz(trace: VitTrace): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [key, matrix] of traceArrays(trace)) files[`${key}.npy`] = [encodeNpy(matrix), { level: 0 }];
  return zipSync(files);
}
