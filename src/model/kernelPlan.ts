/**
 * How the forward pass lays out its kernels on each tfjs backend. Both plans compute the same
 * numbers (forward.test.ts checks each against the float64 reference).
 *
 * On wasm, tfjs sends a matrix product to XNNPACK's fast, multi-threaded kernel only when it is a
 * plain 2-D product (no batch, no transpose); batched or transposed products fall back to a scalar
 * loop on one thread, and broadcasting element-wise ops walk every index. So there attention runs
 * one head at a time and LayerNorm broadcasts through K = 1 products. WebGL and cpu prefer few,
 * large kernels: every head at once.
 */
export interface KernelPlan {
  perHeadAttention: boolean;
  broadcastFree: boolean;
}

export const BATCHED: KernelPlan = { perHeadAttention: false, broadcastFree: false };
export const PER_HEAD: KernelPlan = { perHeadAttention: true, broadcastFree: true };

export function kernelPlanFor(backend: string): KernelPlan {
  return backend === 'wasm' ? PER_HEAD : BATCHED;
}
