/**
 * Writes safetensors files. The app does not need this; tests, the demo-model script and the
 * benchmark do, to make checkpoints exactly as a user would hand them to the page.
 */
import type { SafetensorsDtype } from './safetensors';

export interface TensorToWrite {
  shape: number[];
  data: ArrayLike<number>;
  /** this tensor's own dtype, instead of the file's: I64 for the integer buffers real checkpoints carry (position_ids) */
  dtype?: SafetensorsDtype | 'I64';
}

const ITEM_BYTES = { F32: 4, F16: 2, BF16: 2, I64: 8 } as const;

export function float32ToFloat16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    let half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  if (exponent >= 0x1f) return sign | 0x7c00;
  let half = sign | (exponent << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return half;
}

export function float32ToBfloat16Bits(value: number): number {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0]!;
  const rounding = 0x7fff + ((bits >>> 16) & 1);
  return ((bits + rounding) >>> 16) & 0xffff;
}

export function writeSafetensors(tensors: Record<string, TensorToWrite>, dtype: SafetensorsDtype = 'F32'): Uint8Array {
  // no prototype: a tensor may be named "__proto__", which on a plain object would set the prototype instead
  const header: Record<string, unknown> = Object.create(null);
  let offset = 0;
  const names = Object.keys(tensors);
  for (const name of names) {
    const own = tensors[name]!.dtype ?? dtype;
    const length = tensors[name]!.data.length * ITEM_BYTES[own];
    header[name] = { dtype: own, shape: tensors[name]!.shape, data_offsets: [offset, offset + length] };
    offset += length;
  }
  let headerText = JSON.stringify(header);
  while ((8 + headerText.length) % 8 !== 0) headerText += ' ';
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const data = tensors[name]!.data;
    const own = tensors[name]!.dtype ?? dtype;
    for (let i = 0; i < data.length; i++) {
      if (own === 'I64') view.setBigInt64(at, BigInt(Math.trunc(data[i]!)), true);
      else if (own === 'F32') view.setFloat32(at, data[i]!, true);
      else view.setUint16(at, own === 'F16' ? float32ToFloat16Bits(data[i]!) : float32ToBfloat16Bits(data[i]!), true);
      at += ITEM_BYTES[own];
    }
  }
  return out;
}
