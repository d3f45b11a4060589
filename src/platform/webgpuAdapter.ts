/**
 * What WebGPU adapter this browser offers, asked without starting tfjs's WebGPU backend (its module
 * is large and loads only when WebGPU is chosen). A software adapter (SwiftShader, a fallback
 * adapter) is correct but slower than the wasm kernels, so the backend choice treats it like a
 * software WebGL renderer.
 */
export interface GpuAdapterSummary {
  /** e.g. "apple metal-3", "google swiftshader" */
  name: string;
  software: boolean;
  /** the adapter offers shader-f16 (half-precision arithmetic in shaders) */
  f16: boolean;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  features?: { has(name: string): boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

export function isSoftwareAdapter(info: AdapterInfoLike, fallback = false): boolean {
  const words = [info.vendor, info.architecture, info.device, info.description].join(' ');
  return fallback || info.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software|basic render/i.test(words);
}

/** A short name for the adapter, from what the browser tells (vendor and architecture, or its description). */
export function adapterName(info: AdapterInfoLike): string {
  const parts = [info.vendor, info.architecture].filter((p): p is string => typeof p === 'string' && p.length > 0);
  const name = parts.length ? parts.join(' ') : (info.description ?? '');
  return name.slice(0, 60) || 'GPU';
}

let cached: Promise<GpuAdapterSummary | null> | null = null;

/** The browser's high-performance WebGPU adapter, or null where WebGPU is missing. Asked once per page. */
export function webgpuAdapter(): Promise<GpuAdapterSummary | null> {
  cached ??= (async () => {
    const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
    if (!gpu) return null;
    try {
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) return null;
      const info = adapter.info ?? {};
      return {
        name: adapterName(info),
        software: isSoftwareAdapter(info, adapter.isFallbackAdapter === true),
        f16: adapter.features?.has('shader-f16') ?? false,
      };
    } catch {
      return null;
    }
  })();
  return cached;
}
