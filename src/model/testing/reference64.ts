/**
 * An independent float64 ViT forward pass in plain loops, for the tests only. It shares no code
 * with the engine: convolution as a sliding window, attention head by head, exact erf GELU.
 * Arrays are row-major, with the same shapes as the trace.
 */
import type { CanonicalLinear, CanonicalNorm, CanonicalVit } from './randomCheckpoint';
import { torchBicubic64 } from './torchInterpolate64';

export interface RefLayer {
  norm1: Float64Array;
  q: Float64Array;
  k: Float64Array;
  v: Float64Array;
  scores: Float64Array;
  scaled: Float64Array;
  attn: Float64Array;
  context: Float64Array;
  attnOut: Float64Array;
  residual1: Float64Array;
  norm2: Float64Array;
  mlpHidden: Float64Array;
  out: Float64Array;
}

export interface RefTrace {
  patchTokens: Float64Array;
  embeddings: Float64Array;
  layers: RefLayer[];
  finalNorm: Float64Array;
  pooled: Float64Array;
  logits: Float64Array | null;
  probs: Float64Array | null;
}

/** erf to about 1e-15, by its Maclaurin series for |x| < 3 and a continued fraction beyond. */
export function erf64(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
  let f = ax;
  for (let n = 60; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

function linearRows(x: Float64Array, rows: number, l: CanonicalLinear): Float64Array {
  const y = new Float64Array(rows * l.out);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < l.out; o++) {
      let s = l.bias ? l.bias[o]! : 0;
      for (let i = 0; i < l.in; i++) s += x[r * l.in + i]! * l.weight[o * l.in + i]!;
      y[r * l.out + o] = s;
    }
  }
  return y;
}

function layerNormRows(x: Float64Array, rows: number, width: number, n: CanonicalNorm, eps: number): Float64Array {
  const y = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let i = 0; i < width; i++) mean += x[r * width + i]!;
    mean /= width;
    let variance = 0;
    for (let i = 0; i < width; i++) variance += (x[r * width + i]! - mean) ** 2;
    variance /= width;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let i = 0; i < width; i++) y[r * width + i] = (x[r * width + i]! - mean) * inv * n.gamma[i]! + n.beta[i]!;
  }
  return y;
}

function activation(x: number, name: string): number {
  if (name === 'relu') return Math.max(0, x);
  if (name === 'quick_gelu') return x / (1 + Math.exp(-1.702 * x));
  if (name === 'gelu') return 0.5 * x * (1 + erf64(x / Math.SQRT2));
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** SwiGLU on [T, 2M]: the first M columns through silu, times the other M. */
function swiglu(h: Float64Array, T: number, M: number): Float64Array {
  const out = new Float64Array(T * M);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < M; j++) {
      const a = h[t * 2 * M + j]!;
      out[t * M + j] = (a / (1 + Math.exp(-a))) * h[t * 2 * M + M + j]!;
    }
  }
  return out;
}

/**
 * The encoder's input, family by family, as each model's own code builds it:
 * ViT/DeiT: [CLS, DIST, patches] + positions. DINOv2 (transformers): [CLS, patches] + positions
 * interpolated to the grid, then the registers inserted after [CLS]. timm: with no_embed_class,
 * patches + positions, then [CLS, REG…] prepended; otherwise [CLS, REG…, patches] + positions.
 */
function embedTokens(vit: CanonicalVit, patchTokens: Float64Array): Float64Array {
  const s = vit.spec;
  const D = s.hiddenSize;
  const g = s.imageSize / s.patchSize;
  const cat = (...parts: (Float64Array | null)[]) => {
    const kept = parts.filter((p): p is Float64Array => p !== null);
    const out = new Float64Array(kept.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of kept) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const addInPlace = (x: Float64Array, pos: Float64Array) => {
    for (let i = 0; i < x.length; i++) x[i]! += pos[i]!;
    return x;
  };
  const pos = vit.positionEmbeddings;
  if (s.family === 'dinov2') {
    const withCls = cat(vit.classToken, patchTokens);
    addInPlace(withCls, positionsAtGrid(vit, g));
    return cat(withCls.subarray(0, D), vit.registerTokens, withCls.subarray(D));
  }
  if (vit.positionPrefix === 0 && vit.classToken && pos) {
    // timm no_embed_class
    return cat(vit.classToken, vit.distillationToken, vit.registerTokens, addInPlace(patchTokens.slice(), pos));
  }
  const x = cat(vit.classToken, vit.distillationToken, vit.registerTokens, patchTokens);
  if (pos) addInPlace(x, pos);
  return x;
}

/**
 * DINOv2's interpolate_pos_encoding: [CLS]'s row kept, the patch grid as [1, D, g, g] through
 * F.interpolate as the config's transformers version calls it, back to [g'², D].
 */
function positionsAtGrid(vit: CanonicalVit, grid: number): Float64Array {
  const s = vit.spec;
  const D = s.hiddenSize;
  const pos = vit.positionEmbeddings!;
  const src = vit.positionGrid;
  if (src === grid) return pos;
  const chw = new Float64Array(D * src * src);
  for (let p = 0; p < src * src; p++) for (let e = 0; e < D; e++) chw[e * src * src + p] = pos[(1 + p) * D + e]!;
  const registers = s.registers > 0;
  const [maj, min] = s.transformersVersion.split('.').map(Number) as [number, number];
  const oldDinov2 = !registers && (maj < 4 || (maj === 4 && min < 45));
  const out = oldDinov2
    ? torchBicubic64(chw, D, src, src, {
        scaleFactor: [(grid + 0.1) / Math.sqrt(src * src), (grid + 0.1) / Math.sqrt(src * src)],
      })
    : torchBicubic64(chw, D, src, src, { size: [grid, grid], antialias: registers });
  if (out.height !== grid || out.width !== grid) throw new Error(`reference: interpolation gave ${out.height} × ${out.width}`);
  const result = new Float64Array((1 + grid * grid) * D);
  result.set(pos.subarray(0, D));
  for (let p = 0; p < grid * grid; p++) for (let e = 0; e < D; e++) result[(1 + p) * D + e] = out.data[e * grid * grid + p]!;
  return result;
}

function softmaxInPlace(row: Float64Array): void {
  let max = -Infinity;
  for (const v of row) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    row[i] = Math.exp(row[i]! - max);
    sum += row[i]!;
  }
  for (let i = 0; i < row.length; i++) row[i]! /= sum;
}

export interface ReferenceOptions {
  /** headMask[layer][head]: 0 zeroes that head's context */
  headMask?: number[][];
  /** added to one attention weight after the softmax, for finite differences */
  attentionDelta?: { layer: number; head: number; query: number; key: number; delta: number };
}

export function referenceForward(vit: CanonicalVit, input: ArrayLike<number>, options: ReferenceOptions = {}): RefTrace {
  const s = vit.spec;
  const D = s.hiddenSize;
  const P = s.patchSize;
  const C = s.numChannels;
  const S = s.imageSize;
  const g = S / P;
  const N = g * g;
  const h = s.numHeads;
  const d = D / h;

  // patch embedding: a convolution with kernel = stride = P
  const patchTokens = new Float64Array(N * D);
  for (let py = 0; py < g; py++) {
    for (let px = 0; px < g; px++) {
      for (let o = 0; o < D; o++) {
        let sum = vit.patchBias ? vit.patchBias[o]! : 0;
        for (let c = 0; c < C; c++)
          for (let ky = 0; ky < P; ky++)
            for (let kx = 0; kx < P; kx++)
              sum += input[c * S * S + (py * P + ky) * S + px * P + kx]! * vit.patchWeight[((o * C + c) * P + ky) * P + kx]!;
        patchTokens[(py * g + px) * D + o] = sum;
      }
    }
  }
  const registers = vit.registerTokens ? vit.registerTokens.length / D : 0;
  const prefix = (vit.classToken ? 1 : 0) + (vit.distillationToken ? 1 : 0) + registers;
  const T = N + prefix;
  let x = embedTokens(vit, patchTokens);
  if (vit.preNorm) x = layerNormRows(x, T, D, vit.preNorm, s.layerNormEps);
  const embeddings = x.slice();

  const layers: RefLayer[] = vit.layers.map((l, layerIndex) => {
    const norm1 = layerNormRows(x, T, D, l.norm1, s.layerNormEps);
    const qFull = linearRows(norm1, T, l.query);
    const kFull = linearRows(norm1, T, l.key);
    const vFull = linearRows(norm1, T, l.value);
    const perHead = (full: Float64Array) => {
      const out = new Float64Array(h * T * d);
      for (let hh = 0; hh < h; hh++)
        for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) out[(hh * T + t) * d + j] = full[t * D + hh * d + j]!;
      return out;
    };
    const q = perHead(qFull);
    const k = perHead(kFull);
    const v = perHead(vFull);
    const scores = new Float64Array(h * T * T);
    const scaled = new Float64Array(h * T * T);
    const attn = new Float64Array(h * T * T);
    const context = new Float64Array(h * T * d);
    for (let hh = 0; hh < h; hh++) {
      for (let i = 0; i < T; i++) {
        const row = new Float64Array(T);
        for (let j = 0; j < T; j++) {
          let dot = 0;
          for (let e = 0; e < d; e++) dot += q[(hh * T + i) * d + e]! * k[(hh * T + j) * d + e]!;
          scores[(hh * T + i) * T + j] = dot;
          row[j] = dot / Math.sqrt(d);
          scaled[(hh * T + i) * T + j] = row[j]!;
        }
        softmaxInPlace(row);
        const delta = options.attentionDelta;
        if (delta && delta.layer === layerIndex && delta.head === hh && delta.query === i) row[delta.key]! += delta.delta;
        attn.set(row, (hh * T + i) * T);
        const gate = options.headMask?.[layerIndex]?.[hh] ?? 1;
        for (let e = 0; e < d; e++) {
          let sum = 0;
          for (let j = 0; j < T; j++) sum += row[j]! * v[(hh * T + j) * d + e]!;
          context[(hh * T + i) * d + e] = sum * gate;
        }
      }
    }
    const merged = new Float64Array(T * D);
    for (let hh = 0; hh < h; hh++)
      for (let t = 0; t < T; t++) for (let e = 0; e < d; e++) merged[t * D + hh * d + e] = context[(hh * T + t) * d + e]!;
    // LayerScale: the branch times γ, per channel, before the residual add
    const scale = (y: Float64Array, gamma: Float64Array | null) => (gamma ? y.map((value, i) => value * gamma[i % D]!) : y);
    const attnOut = scale(linearRows(merged, T, l.proj), l.ls1);
    const residual1 = x.map((value, i) => value + attnOut[i]!);
    const norm2 = layerNormRows(residual1, T, D, l.norm2, s.layerNormEps);
    const mlpHidden = s.gatedMlp
      ? swiglu(linearRows(norm2, T, l.fc1), T, l.fc2.in)
      : linearRows(norm2, T, l.fc1).map((value) => activation(value, s.hiddenAct));
    const mlpOut = scale(linearRows(mlpHidden, T, l.fc2), l.ls2);
    const out = residual1.map((value, i) => value + mlpOut[i]!);
    x = out;
    return { norm1, q, k, v, scores, scaled, attn, context, attnOut, residual1, norm2, mlpHidden, out };
  });

  const finalNorm = layerNormRows(x, T, D, vit.finalNorm, s.layerNormEps);
  const pooled = new Float64Array(D);
  if (s.pooling === 'cls') pooled.set(finalNorm.subarray(0, D));
  else {
    for (let t = 0; t < T; t++) for (let i = 0; i < D; i++) pooled[i]! += finalNorm[t * D + i]! / T;
  }
  let logits: Float64Array | null = null;
  let probs: Float64Array | null = null;
  if (vit.classifier) {
    logits = linearRows(pooled, 1, vit.classifier);
    if (vit.distillationClassifier) {
      const second = linearRows(finalNorm.slice(D, 2 * D), 1, vit.distillationClassifier);
      logits = logits.map((value, i) => (value + second[i]!) / 2);
    }
    probs = logits.slice();
    softmaxInPlace(probs);
  }
  return { patchTokens, embeddings, layers, finalNorm, pooled, logits, probs };
}
