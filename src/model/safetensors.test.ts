import { describe, expect, it } from 'vitest';
import { float16ToFloat32, readSafetensors } from './safetensors';
import { float32ToBfloat16Bits, float32ToFloat16Bits, writeSafetensors } from './safetensorsWriter';

function withHeader(header: unknown, dataBytes = 0): Uint8Array {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  return out;
}

describe('readSafetensors', () => {
  it('reads F32, F16 and BF16 back to float32', () => {
    const values = [0, 1, -2.5, 0.333, 65504, 1e-5];
    for (const dtype of ['F32', 'F16', 'BF16'] as const) {
      const file = writeSafetensors({ t: { shape: [2, 3], data: values } }, dtype);
      const t = readSafetensors(file, 'x.safetensors').get('t')!;
      expect(t.shape).toEqual([2, 3]);
      expect(t.storedDtype).toBe(dtype);
      const tolerance = dtype === 'F32' ? 1e-7 : dtype === 'F16' ? 1e-3 : 1e-2;
      t.data.forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThanOrEqual(Math.abs(values[i]!) * tolerance + 1e-7));
    }
  });

  it('keeps a tensor named like an Object property (the fuzz test found "__proto__")', () => {
    const tensors = Object.defineProperty({}, '__proto__', { value: { shape: [1], data: [3] }, enumerable: true });
    const read = readSafetensors(writeSafetensors(tensors), 'x.safetensors');
    expect([...read.keys()]).toEqual(['__proto__']);
    expect(Array.from(read.get('__proto__')!.data)).toEqual([3]);
  });

  it('converts half-precision bit patterns exactly', () => {
    expect(float16ToFloat32(0x3c00)).toBe(1);
    expect(float16ToFloat32(0xc000)).toBe(-2);
    expect(float16ToFloat32(0x7bff)).toBe(65504);
    expect(float16ToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16ToFloat32(0x7c00)).toBe(Infinity);
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(float32ToBfloat16Bits(1)).toBe(0x3f80);
  });

  it('refuses a file too short for a header', () => {
    expect(() => readSafetensors(new Uint8Array(3), 'tiny.safetensors')).toThrow(/tiny\.safetensors.*too short/);
  });

  it('refuses a header length beyond the file', () => {
    const file = withHeader({});
    new DataView(file.buffer).setBigUint64(0, 10_000n, true);
    expect(() => readSafetensors(file, 'm.safetensors')).toThrow(/m\.safetensors: header length 10000 does not fit/);
  });

  it('refuses a header that is not JSON', () => {
    expect(() => readSafetensors(withHeader('{"a": [1, '), 'm.safetensors')).toThrow(/not well-formed JSON/);
  });

  it('refuses offsets outside the data area and names the tensor', () => {
    const file = withHeader({ 'blocks.0.attn.qkv.weight': { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4);
    expect(() => readSafetensors(file, 'm.safetensors')).toThrow(/"blocks\.0\.attn\.qkv\.weight".*outside the data area/);
  });

  it('refuses a byte length that does not match the shape', () => {
    const file = withHeader({ w: { dtype: 'F16', shape: [3], data_offsets: [0, 4] } }, 4);
    expect(() => readSafetensors(file, 'm.safetensors')).toThrow(/"w" holds 4 bytes but shape \[3\] in F16 needs 6/);
  });

  it('refuses an unsupported dtype and a bad shape', () => {
    const i64 = withHeader({ n: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8);
    expect(() => readSafetensors(i64, 'm.safetensors')).toThrow(/"n" has dtype "I64"/);
    const badShape = withHeader({ n: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4);
    expect(() => readSafetensors(badShape, 'm.safetensors')).toThrow(/"n" has an invalid shape/);
  });

  it('refuses a truncated file', () => {
    const file = writeSafetensors({ a: { shape: [100], data: new Float32Array(100) } });
    expect(() => readSafetensors(file.subarray(0, file.length - 10), 'cut.safetensors')).toThrow(
      /cut\.safetensors: tensor "a".*truncated/,
    );
  });

  it('skips __metadata__', () => {
    const file = withHeader({ __metadata__: { format: 'pt' }, a: { dtype: 'F32', shape: [], data_offsets: [0, 4] } }, 4);
    expect([...readSafetensors(file).keys()]).toEqual(['a']);
  });

  it('refuses overlapping tensors, an F8 dtype and an absurd header length without reading it', () => {
    const overlap = withHeader(
      { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } },
      12,
    );
    expect(() => readSafetensors(overlap, 'm.safetensors')).toThrow(/"a" \[0, 8\] and "b" \[4, 12\] overlap/);
    const f8 = withHeader({ w: { dtype: 'F8_E4M3', shape: [4], data_offsets: [0, 4] } }, 4);
    expect(() => readSafetensors(f8, 'm.safetensors')).toThrow(/"w" has dtype "F8_E4M3"; ViT Lens reads F32, F16 and BF16/);
    const absurd = withHeader({});
    new DataView(absurd.buffer).setBigUint64(0, 2n ** 60n, true);
    expect(() => readSafetensors(absurd, 'm.safetensors')).toThrow(/beyond the 100 MB a safetensors header may have/);
    const proto = withHeader({ w: { dtype: 'toString', shape: [1], data_offsets: [0, 4] } }, 4);
    expect(() => readSafetensors(proto, 'm.safetensors')).toThrow(/has dtype "toString"/);
  });
});
