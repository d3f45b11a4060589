/** Takes a checkpoint's tensors by name and shape, listing every missing or mis-shaped one. */
import type { RawTensor } from './safetensors';
import type { LayerNormWeights, LinearWeights } from './vitWeights';

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Fetches tensors by name, recording every missing or mis-shaped one instead of stopping at the first. */
export class TensorPicker {
  readonly problems: string[] = [];
  constructor(private readonly tensors: Map<string, RawTensor>) {}

  has(name: string): boolean {
    return this.tensors.has(name);
  }

  shape(name: string): number[] | null {
    return this.tensors.get(name)?.shape ?? null;
  }

  take(name: string, shape: number[], alternativeShapes: number[][] = []): Float32Array {
    const tensor = this.tensors.get(name);
    if (!tensor) {
      this.problems.push(`missing "${name}" (expected shape [${shape.join(', ')}])`);
      return new Float32Array(shape.reduce((a, b) => a * b, 1));
    }
    if (!sameShape(tensor.shape, shape) && !alternativeShapes.some((s) => sameShape(tensor.shape, s))) {
      this.problems.push(`"${name}" has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
      return new Float32Array(shape.reduce((a, b) => a * b, 1));
    }
    return tensor.data;
  }

  linear(prefix: string, outFeatures: number, inFeatures: number, hasBias = true): LinearWeights {
    return {
      weight: this.take(`${prefix}.weight`, [outFeatures, inFeatures]),
      bias: hasBias ? this.take(`${prefix}.bias`, [outFeatures]) : null,
      inFeatures,
      outFeatures,
    };
  }

  layerNorm(prefix: string, width: number): LayerNormWeights {
    return { gamma: this.take(`${prefix}.weight`, [width]), beta: this.take(`${prefix}.bias`, [width]) };
  }
}

export function splitRows(linear: LinearWeights, parts: number): LinearWeights[] {
  const rows = linear.outFeatures / parts;
  return Array.from({ length: parts }, (_, p) => ({
    weight: linear.weight.subarray(p * rows * linear.inFeatures, (p + 1) * rows * linear.inFeatures),
    bias: linear.bias ? linear.bias.subarray(p * rows, (p + 1) * rows) : null,
    inFeatures: linear.inFeatures,
    outFeatures: rows,
  }));
}
