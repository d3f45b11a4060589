/**
 * How the forward pass lays out its kernels on each tfjs backend. Every plan computes the same
 * numbers (forward.test.ts and the e2e suite check each against the float64 reference).
 *
 * On wasm, ViT Lens runs its own kernels (wasmKernels/: matrix products with fused multiply-add,
 * whole-layer attention, LayerNorm) once startVitKernels has started them: the FUSED plan. Without
 * them (no SIMD), PER_HEAD: tfjs-wasm sends a matrix product to XNNPACK's fast, multi-threaded
 * kernel only when it is a plain 2-D product (no batch, no transpose), batched or transposed
 * products fall back to a scalar loop on one thread, and broadcasting element-wise ops walk every
 * index; so attention runs one head at a time and LayerNorm broadcasts through K = 1 products.
 * WebGL and cpu prefer few, large kernels: every head at once (BATCHED). WebGPU too, and there the
 * trace is read back one joined buffer per layer (JOINED_READBACK), since each read is a GPU round trip.
 *
 * The other families run on every plan unchanged: DINOv2's LayerScale is folded into the output
 * projections at upload (vitModel.ts), so the kernels see plain dense layers; what the dense kernel
 * has no epilogue for (CLIP's quick_gelu, SwiGLU's gate) runs as tfjs ops on its output (ops.ts).
 */
import { vitKernelsActive } from './wasmKernels/tfjsKernels';

export interface KernelPlan {
  perHeadAttention: boolean;
  broadcastFree: boolean;
  /** ViT Lens's wasm kernels, where they run (and the model has packed weights) */
  fusedKernels: boolean;
  /** read the trace back one joined array per layer instead of one read per tensor */
  joinedReadback?: boolean;
}

export const BATCHED: KernelPlan = { perHeadAttention: false, broadcastFree: false, fusedKernels: false };
export const PER_HEAD: KernelPlan = { perHeadAttention: true, broadcastFree: true, fusedKernels: false };
export const FUSED: KernelPlan = { perHeadAttention: false, broadcastFree: true, fusedKernels: true };

export const JOINED_READBACK: KernelPlan = { ...BATCHED, joinedReadback: true };

export function kernelPlanFor(backend: string): KernelPlan {
  if (backend === 'webgpu') return JOINED_READBACK;
  if (backend !== 'wasm') return BATCHED;
  return vitKernelsActive() ? FUSED : PER_HEAD;
}
