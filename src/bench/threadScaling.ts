/**
 * How ViT Lens's wasm kernels scale with threads, on ViT-B/16's own shapes (197 tokens, D 768, 12
 * heads): each dense layer of a block, its attention and LayerNorm, timed on the calling thread
 * alone and on every thread, in alternating rounds (1, all, 1, all, …) so that both see the same
 * moments of a busy machine. `window.vitBench.threadScaling(request)` from the bench page.
 */
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../platform/backend';
import { vitKernelsInfo, vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import { fusedAttention, fusedDense, fusedLayerNorm, packWeights } from '../model/wasmKernels/fusedOps';
import { limitVitKernelThreads } from '../model/wasmKernels/threadLimit';

export interface ThreadScalingRequest {
  /** alternating rounds (1 thread, all threads); the medians count */
  rounds: number;
  /** calls of the operation timed together in one round */
  repeats: number;
}

export interface ScalingRow {
  op: string;
  /** floating-point operations of one call, in GFLOP (a multiply-add counts 2) */
  gflop: number;
  /** median time of one call, on 1 thread and on all */
  oneMs: number;
  allMs: number;
  /** the fastest round's, on 1 thread and on all: on a busy machine, the nearest to a quiet one's */
  oneBestMs: number;
  allBestMs: number;
}

export interface ThreadScalingResult {
  threads: number;
  detail: string;
  rows: ScalingRow[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

function random(shape: number[], scale: number): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.randomUniform(shape, -1, 1, 'float32', 7), scale));
}

export async function threadScaling({ rounds, repeats }: ThreadScalingRequest): Promise<ThreadScalingResult> {
  const info = await chooseBackend('wasm');
  await vitKernelsReady(); // time with every thread
  const kernels = vitKernelsInfo();
  if (!kernels) throw new Error(`ViT Lens's kernels are not running here (${info.detail})`);
  const [T, D, h, hidden] = [197, 768, 12, 3072];
  const held: tf.Tensor[] = [];
  const hold = <X extends tf.Tensor>(t: X): X => (held.push(t), t);
  const x = hold(random([T, D], 1)) as tf.Tensor2D;
  const wide = hold(random([T, hidden], 1)) as tf.Tensor2D;
  const weights = (k: number, n: number) => {
    const w = random([k, n], 0.05) as tf.Tensor2D;
    const packed = hold(packWeights(w));
    w.dispose();
    return { packed, bias: hold(random([n], 0.1)) as tf.Tensor1D, n };
  };
  const qkvW = weights(D, 3 * D);
  const outW = weights(D, D);
  const fc1W = weights(D, hidden);
  const fc2W = weights(hidden, D);
  const qkv = hold(fusedDense(x, qkvW.packed, qkvW.bias, qkvW.n));
  const gamma = hold(random([D], 1)) as tf.Tensor1D;
  const mac = (m: number, n: number, k: number) => (2 * m * n * k) / 1e9;
  const ops: { op: string; gflop: number; run: () => tf.TensorContainer }[] = [
    { op: 'qkv: dense 768 → 2304', gflop: mac(T, 3 * D, D), run: () => fusedDense(x, qkvW.packed, qkvW.bias, qkvW.n) },
    { op: 'attention output: dense 768 → 768', gflop: mac(T, D, D), run: () => fusedDense(x, outW.packed, outW.bias, outW.n) },
    { op: 'fc1: dense 768 → 3072 + GELU', gflop: mac(T, hidden, D), run: () => fusedDense(x, fc1W.packed, fc1W.bias, fc1W.n, 'gelu') },
    {
      op: 'fc2: dense 3072 → 768 + residual',
      gflop: mac(T, D, hidden),
      run: () => fusedDense(wide, fc2W.packed, fc2W.bias, fc2W.n, 'none', x),
    },
    { op: 'attention, 12 heads, every array of the trace', gflop: 2 * mac(T, T, D), run: () => Object.values(fusedAttention(qkv as tf.Tensor2D, h)) },
    { op: 'LayerNorm', gflop: 0, run: () => fusedLayerNorm(x, gamma, gamma, 1e-12) },
  ];
  const timeOnce = (run: () => tf.TensorContainer) => {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) tf.dispose(run());
    return (performance.now() - start) / repeats;
  };
  try {
    const rows: ScalingRow[] = [];
    for (const { op, gflop, run } of ops) {
      timeOnce(run); // warm-up
      const one: number[] = [];
      const all: number[] = [];
      for (let r = 0; r < rounds; r++) {
        limitVitKernelThreads(1);
        one.push(timeOnce(run));
        limitVitKernelThreads(null);
        all.push(timeOnce(run));
        // let the workers go to sleep between rounds, as between layers of a pass
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      rows.push({ op, gflop, oneMs: median(one), allMs: median(all), oneBestMs: Math.min(...one), allBestMs: Math.min(...all) });
    }
    return { threads: kernels.threads, detail: info.detail, rows };
  } finally {
    limitVitKernelThreads(null);
    tf.dispose(held);
  }
}
